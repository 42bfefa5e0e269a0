import { describe, expect, it } from "vitest";
import { minimalPlan, minimalProcedure, toYaml } from "../../test/support/documents.js";
import { lintDocuments } from "./lint.js";
import { parseDocuments } from "./yaml-loader.js";

const policy = (rules: unknown[]) => ({
  kind: "declaration_policy",
  id: "test-policy",
  version: "1",
  title: "Test policy",
  rules,
});

function lint(...docs: Record<string, unknown>[]) {
  const { documents, errors } = parseDocuments(toYaml(...docs), "set.yml");
  return { errors, report: lintDocuments(documents, new Date()) };
}

describe("declaration policy documents", () => {
  it("load with defaults and lint clean against the plan", () => {
    const { errors, report } = lint(
      minimalPlan(),
      minimalProcedure(),
      policy([
        { id: "any-high", match: { min_severity: "high" }, declare: { type: "malware" } },
        {
          id: "burst",
          group: { by: "host", count: 3, within: "PT10M" },
          declare: { type: "malware", severity: "low", title: "{count} on {entity}" },
        },
      ]),
    );
    expect(errors).toEqual([]);
    expect(report.findings).toEqual([]);
  });

  it("lint names unknown types and severities where they are written", () => {
    const { report } = lint(
      minimalPlan(),
      minimalProcedure(),
      policy([
        { id: "a", match: { min_severity: "apocalyptic" }, declare: { type: "malware" } },
        { id: "a", declare: { type: "volcano" } },
        { id: "c", declare: { type: "malware", severity: "mild" } },
      ]),
    );
    expect(report.findings.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "declaration_policy test-policy: rules[0].match.min_severity: 'apocalyptic' is not a severity on the plan's scale",
      "declaration_policy test-policy: rules[1].id: duplicate rule id 'a'",
      "declaration_policy test-policy: rules[1].declare.type: 'volcano' is not an incident type in the plan",
      "declaration_policy test-policy: rules[2].declare.severity: 'mild' is not a severity on the plan's scale",
    ]);
    expect(report.findings.every((f) => f.line > 1)).toBe(true);
  });

  it("lint says when no procedure covers the declared type at its severity", () => {
    const { report } = lint(
      minimalPlan(),
      minimalProcedure({ applies_to: { incident_types: ["malware"], severities: ["high"] } }),
      policy([{ id: "low", declare: { type: "malware", severity: "low" } }]),
    );
    expect(report.findings.map((f) => f.message)).toContain(
      "no procedure covers incident type 'malware' at severity 'low'",
    );
  });

  it("the schema refuses a group of one and a bad duration", () => {
    const { errors } = lint(
      minimalPlan(),
      policy([
        {
          id: "g",
          group: { by: "host", count: 1, within: "10 minutes" },
          declare: { type: "malware" },
        },
      ]),
    );
    expect(errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(["rules[0].group.count", "rules[0].group.within"]),
    );
  });
});
