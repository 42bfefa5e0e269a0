import { describe, expectTypeOf, it } from "vitest";
import type { LintReport } from "../documents/lint.js";
import type { PlanDocument } from "../documents/plan.schema.js";
import type { ProcedureDocument } from "../documents/procedure.schema.js";
import type { DocumentView, LintReport as LintReportView, ProcedureSummary } from "./documents.js";

// Bodies are typed by the documents' own schemas, and lint answers what lint finds: a field
// added on one side and not the other fails the typecheck.
describe("documents contract", () => {
  it("answers a lint report exactly as lint makes it", () => {
    expectTypeOf<LintReportView>().toEqualTypeOf<LintReport>();
  });

  it("types plan and procedure bodies by their document schemas", () => {
    expectTypeOf<DocumentView<PlanDocument>["body"]>().toEqualTypeOf<PlanDocument>();
    expectTypeOf<ProcedureSummary["applies_to"]>().toEqualTypeOf<ProcedureDocument["applies_to"]>();
  });
});
