import { describe, expect, it } from "vitest";
import { minimalPlan, minimalProcedure, toYaml } from "../../test/support/documents.js";
import { lintDocuments } from "./lint.js";
import { parseDocuments } from "./yaml-loader.js";

describe("lint of status-update templates", () => {
  it("warns about placeholders that would render empty, where they are", () => {
    const plan = minimalPlan();
    const [audience] = (plan.communication as { audiences: Record<string, unknown>[] }).audiences;
    (plan.communication as { audiences: unknown[] }).audiences = [
      { ...audience, template: "{{incident.title}}: {{update.summary}} (ETA {{update.eta}})" },
    ];
    const { documents } = parseDocuments(toYaml(plan, minimalProcedure()), "set.yml");
    const report = lintDocuments(documents, new Date());
    expect(report.errors).toBe(0);
    expect(report.findings).toMatchObject([
      {
        level: "warning",
        path: "plan test-plan: communication.audiences[0].template",
        message: expect.stringMatching(/^template placeholder \{\{update\.eta\}\} is unknown/),
      },
    ]);
  });
});
