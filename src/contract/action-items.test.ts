import { describe, expectTypeOf, it } from "vitest";
import type { ActionItemPatch, NewActionItemInput } from "../postincident/action-item.service.js";
import type { ActionItemView as ActionListEntry } from "../postincident/action-list.js";
import type { ActionItem } from "../postincident/postincident.types.js";
import type { ActionItemRecord, ActionItemView, actionItems } from "./action-items.js";
import type { BodyOf } from "./endpoint.js";

// The answers are what the use cases return: a field added to one and not the other fails the
// typecheck instead of being dropped by the response serialiser.
describe("action item contract", () => {
  it("answers an action item exactly as the store holds it", () => {
    expectTypeOf<ActionItemRecord>().toEqualTypeOf<ActionItem>();
  });

  it("answers an action list entry exactly as the list makes it", () => {
    expectTypeOf<ActionItemView>().toEqualTypeOf<ActionListEntry>();
  });

  it("takes what the use cases take", () => {
    expectTypeOf<BodyOf<typeof actionItems.add>>().toEqualTypeOf<NewActionItemInput>();
    expectTypeOf<BodyOf<typeof actionItems.update>>().toEqualTypeOf<ActionItemPatch>();
  });
});
