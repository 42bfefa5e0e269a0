import { describe, expectTypeOf, it } from "vitest";
import type { CustodyTransfer, Evidence } from "../domain/incident/model.js";
import type { EvidenceView } from "./evidence.js";

describe("evidence contract", () => {
  it("answers an evidence item as the domain model holds it, with its chain of custody", () => {
    expectTypeOf<Omit<EvidenceView, "custody">>().toEqualTypeOf<Evidence>();
    expectTypeOf<EvidenceView["custody"]>().toEqualTypeOf<CustodyTransfer[]>();
  });
});
