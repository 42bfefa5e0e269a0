import { describe, expectTypeOf, it } from "vitest";
import type { CauseNode, Rca } from "../postincident/postincident.types.js";
import type { CauseView, RcaView } from "./rca.js";

// The answers are the stored records as they are: a field added to one and not the other fails
// the typecheck instead of being dropped by the response serialiser.
describe("RCA contract", () => {
  it("answers an RCA exactly as the store holds it", () => {
    expectTypeOf<RcaView>().toEqualTypeOf<Rca>();
  });

  it("answers a cause exactly as the store holds it", () => {
    expectTypeOf<CauseView>().toEqualTypeOf<CauseNode>();
  });
});
