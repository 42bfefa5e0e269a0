import { describe, expectTypeOf, it } from "vitest";
import type { StoredReportMeta } from "../reports/report.types.js";
import type { ReportMetaView } from "./reports.js";

// A field added to the stored report's metadata and not to the contract (or the other way
// round) fails the typecheck instead of being dropped by the response serialiser.
describe("report contract", () => {
  it("answers a stored report's metadata exactly as the store holds it", () => {
    expectTypeOf<ReportMetaView>().toEqualTypeOf<StoredReportMeta>();
  });
});
