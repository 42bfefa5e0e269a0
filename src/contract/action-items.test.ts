import { describe, expectTypeOf, it } from "vitest";
import type { ActionItemView as ActionListEntry } from "../postincident/action-list.js";
import type { ActionItem } from "../postincident/postincident.types.js";
import type { ActionItemRecord, ActionItemView } from "./action-items.js";

// The answers are what the use cases return: a field added to one and not the other fails the
// typecheck instead of being dropped by the response serialiser.
describe("action item contract", () => {
  it("answers an action item exactly as the store holds it", () => {
    expectTypeOf<ActionItemRecord>().toEqualTypeOf<ActionItem>();
  });

  it("answers an action list entry exactly as the list makes it", () => {
    expectTypeOf<ActionItemView>().toEqualTypeOf<ActionListEntry>();
  });
});
