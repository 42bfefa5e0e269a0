import { describe, expectTypeOf, it } from "vitest";
import type { EvidenceRefKind } from "../domain/post-incident-states.js";
import type { CauseNode, Rca } from "../postincident/postincident.types.js";
import type { ScopeInput, StartRcaInput } from "../postincident/rca.service.js";
import type { CauseInput } from "../postincident/rca-causes.service.js";
import type { EvidenceRefInput } from "../postincident/rca-evidence.js";
import type { BodyOf } from "./endpoint.js";
import type { CauseView, RcaView, rcas } from "./rca.js";

// The answers are the stored records as they are: a field added to one and not the other fails
// the typecheck instead of being dropped by the response serialiser.
describe("RCA contract", () => {
  it("answers an RCA exactly as the store holds it", () => {
    expectTypeOf<RcaView>().toEqualTypeOf<Rca>();
  });

  it("answers a cause exactly as the store holds it", () => {
    expectTypeOf<CauseView>().toEqualTypeOf<CauseNode>();
  });

  it("takes what the use cases take", () => {
    expectTypeOf<BodyOf<typeof rcas.start>>().toEqualTypeOf<StartRcaInput>();
    expectTypeOf<BodyOf<typeof rcas.updateScope>>().toEqualTypeOf<ScopeInput>();
    // The use case checks an evidence kind itself (any text); the contract refuses unknown ones
    // before it is called.
    type CauseBody = BodyOf<typeof rcas.addCause>;
    expectTypeOf<Omit<CauseBody, "evidence">>().toEqualTypeOf<Omit<CauseInput, "evidence">>();
    type EvidenceRefBody = NonNullable<CauseBody["evidence"]>[number];
    expectTypeOf<Omit<EvidenceRefBody, "kind">>().toEqualTypeOf<Omit<EvidenceRefInput, "kind">>();
    expectTypeOf<EvidenceRefBody["kind"]>().toEqualTypeOf<EvidenceRefKind>();
  });
});
