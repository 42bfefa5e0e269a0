import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { stringify } from "yaml";
import { type LintReport, lintDocuments } from "../../src/documents/lint.js";
import { parseDocuments } from "../../src/documents/yaml-loader.js";

/**
 * Factories for small, valid document sets; tests change one thing and watch what breaks.
 * The built-in library is tested on its own in src/documents/library.test.ts.
 */
export function minimalPlan(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const targets = { acknowledge: "PT15M", contain: "PT4H", recover: "P1D" };
  const severities = ["low", "high"];
  return {
    kind: "plan",
    id: "test-plan",
    version: "1",
    title: "Test plan",
    owner: "CISO",
    review: { cycle: "P1Y", last_review: new Date().toISOString().slice(0, 10) },
    mission: "Respond.",
    goals: ["Contain fast"],
    principles: ["Safety first"],
    scope: "Everything.",
    risk_tolerance: "Low.",
    severity_scale: severities.map((id) => ({
      id,
      name: id.toUpperCase(),
      definition: `${id} impact`,
      targets,
    })),
    attributes: [{ id: "personal_data", type: "boolean", description: "Personal data involved" }],
    roles: [
      {
        id: "commander",
        title: "Commander",
        responsibilities: ["Lead"],
        authority: ["override_gate", "skip_required_step", "change_severity", "close"],
      },
      { id: "analyst", title: "Analyst", responsibilities: ["Analyse"] },
    ],
    team: [
      {
        id: "ann",
        name: "Ann",
        contacts: [{ channel: "email", address: "ann@example.org" }],
        roles: ["commander"],
      },
      {
        id: "bob",
        name: "Bob",
        contacts: [{ channel: "email", address: "bob@example.org" }],
        roles: ["analyst"],
      },
    ],
    channels: [{ id: "mail", kind: "email", target: "ir@example.org" }],
    communication: {
      audiences: [
        {
          id: "responders",
          name: "Responders",
          kind: "technical",
          channels: ["mail"],
          cadence: { low: "P1D", high: "PT1H" },
        },
      ],
    },
    escalation: severities.map((severity) => ({
      severity,
      steps: [{ notify: ["role:commander"], after: "PT5M" }],
    })),
    compliance: [],
    incident_types: [
      { id: "malware", name: "Malware", default_severity: "high", procedure: "malware" },
    ],
    ...overrides,
  };
}

const step = (id: string, role = "analyst", extra: Record<string, unknown> = {}) => ({
  id,
  title: `Step ${id}`,
  role,
  instructions: `Do ${id}.`,
  required: true,
  target: "PT1H",
  ...extra,
});

export function minimalProcedure(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: "procedure",
    id: "malware",
    version: "1",
    title: "Malware",
    applies_to: { incident_types: ["malware"] },
    steps: {
      detection: [step("triage")],
      containment: [step("isolate")],
      eradication: [step("clean")],
      recovery: [step("restore")],
      remediation: [step("patch-all", "analyst", { required: false })],
      post_incident: [step("lessons", "commander", { required: false })],
    },
    ...overrides,
  };
}

export { step as procedureStep };

/** Several documents as one YAML text, separated by `---`. */
export function toYaml(...docs: Record<string, unknown>[]): string {
  return docs.map((d) => stringify(d)).join("---\n");
}

/** Lints documents as `firebreak lint` does, once they parse (a parse error fails the test). */
export function lintYaml(...docs: Record<string, unknown>[]): LintReport {
  const { documents, errors } = parseDocuments(toYaml(...docs), "set.yml");
  expect(errors).toEqual([]);
  return lintDocuments(documents, new Date());
}

/** A lint report's findings as `level: message` lines, for `toContain` and `toEqual`. */
export const lintMessages = (report: LintReport): string[] =>
  report.findings.map((f) => `${f.level}: ${f.message}`);

/** Writes documents into a fresh temporary folder and returns its path (a library for tests). */
export function writeLibrary(...docs: Record<string, unknown>[]): string {
  const dir = mkdtempSync(join(tmpdir(), "firebreak-lib-"));
  writeFileSync(join(dir, "documents.yml"), toYaml(...docs));
  return dir;
}
