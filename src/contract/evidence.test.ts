import { describe, expectTypeOf, it } from "vitest";
import type { CustodyTransfer, Evidence } from "../domain/incident/model.js";
import type { EvidenceDownloadRecord } from "../response/evidence.service.js";
import type { EvidenceDownloadView, EvidenceView } from "./evidence.js";

describe("evidence contract", () => {
  it("answers an evidence item as the domain model holds it, with its chain of custody", () => {
    expectTypeOf<
      Omit<EvidenceView, "custody" | "file_stored" | "downloads">
    >().toEqualTypeOf<Evidence>();
    expectTypeOf<EvidenceView["custody"]>().toEqualTypeOf<CustodyTransfer[]>();
    expectTypeOf<EvidenceDownloadView>().toEqualTypeOf<EvidenceDownloadRecord>();
  });
});
