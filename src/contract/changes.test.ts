import { describe, expectTypeOf, it } from "vitest";
import type { ChangeEvent } from "../domain/change.js";
import type { ChangesBefore } from "../response/changes.service.js";
import type { ChangesBeforeView, ChangeView } from "./changes.js";

describe("change contract", () => {
  it("answers a change exactly as the domain holds it", () => {
    expectTypeOf<ChangeView>().toEqualTypeOf<ChangeEvent>();
  });

  it("answers the changes before an incident as the use case computes them", () => {
    expectTypeOf<Omit<ChangesBeforeView, "next_cursor">>().toEqualTypeOf<ChangesBefore>();
  });
});
