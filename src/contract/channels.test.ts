import { describe, expectTypeOf, it } from "vitest";
import type { ChannelTestResult } from "../comms/channel-test.service.js";
import type { ChannelKind } from "../comms/notification.types.js";
import type { CHANNEL_KINDS, ChannelTestResultView } from "./channels.js";

describe("channels contract", () => {
  it("takes exactly the plan's channel kinds", () => {
    expectTypeOf<(typeof CHANNEL_KINDS)[number]>().toEqualTypeOf<ChannelKind>();
  });

  it("answers the test result exactly as the use case makes it", () => {
    expectTypeOf<ChannelTestResultView>().toEqualTypeOf<ChannelTestResult>();
  });
});
