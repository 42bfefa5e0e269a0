import { describe, expectTypeOf, it } from "vitest";
import type { ChannelTestResult } from "../comms/channel-test.service.js";
import type { ChannelTestResultView } from "./channels.js";

describe("channels contract", () => {
  it("answers the test result exactly as the use case makes it", () => {
    expectTypeOf<ChannelTestResultView>().toEqualTypeOf<ChannelTestResult>();
  });
});
