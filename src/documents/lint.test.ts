import { describe, expect, it } from "vitest";
import {
  lintYaml as lint,
  lintMessages as messages,
  minimalPlan,
  minimalProcedure,
  procedureStep,
} from "../../test/support/documents.js";

describe("cross-document lint", () => {
  it("passes a consistent set", () => {
    expect(lint(minimalPlan(), minimalProcedure()).findings).toEqual([]);
  });

  it("finds a role no plan defines, with its position", () => {
    const proc = minimalProcedure();
    (proc.steps as Record<string, unknown[]>).containment = [procedureStep("isolate", "janitor")];
    const report = lint(minimalPlan(), proc);
    expect(messages(report)).toEqual(["error: role 'janitor' is not defined in the plan"]);
    const f = report.findings[0];
    expect(f?.path).toBe("procedure malware: steps.containment[0].role");
    expect(f?.line).toBeGreaterThan(1);
    expect(f?.column).toBeGreaterThan(1);
  });

  it("finds a role nobody fills", () => {
    const plan = minimalPlan({
      roles: [
        ...(minimalPlan().roles as unknown[]),
        { id: "lawyer", title: "Lawyer", responsibilities: ["Advise"] },
      ],
    });
    const proc = minimalProcedure();
    (proc.steps as Record<string, unknown[]>).recovery = [procedureStep("restore", "lawyer")];
    expect(messages(lint(plan, proc))).toEqual([
      "error: role 'lawyer' is not filled by anyone in the plan's team",
    ]);
  });

  it("needs an escalation path and a cadence for every severity", () => {
    const plan = minimalPlan({
      escalation: [{ severity: "low", steps: [{ notify: ["person:ann"], after: "PT1M" }] }],
    });
    (plan.communication as { audiences: { cadence: Record<string, string> }[] }).audiences[0] = {
      ...(plan.communication as { audiences: Record<string, unknown>[] }).audiences[0],
      cadence: { low: "P1D" },
    } as { cadence: Record<string, string> };
    expect(messages(lint(plan, minimalProcedure()))).toEqual([
      "error: severity 'high' has no escalation path",
      "error: audience 'responders' has no update cadence for severity 'high'",
    ]);
  });

  it("needs a required step in containment, eradication and recovery of every type's procedure", () => {
    const proc = minimalProcedure();
    (proc.steps as Record<string, unknown[]>).eradication = [
      procedureStep("clean", "analyst", { required: false }),
    ];
    expect(messages(lint(minimalPlan(), proc))).toEqual([
      "error: incident type 'malware': phase eradication has no required step",
    ]);
  });

  it("finds a missing procedure and an obligation pointing at no step", () => {
    const plan = minimalPlan({
      incident_types: [
        { id: "malware", name: "Malware", default_severity: "high", procedure: "malware" },
        { id: "phishing", name: "Phishing", default_severity: "low", procedure: "phishing" },
      ],
      compliance: [
        {
          id: "gdpr",
          regulation: "GDPR Art. 33",
          trigger: "personal_data",
          clock_start: "awareness",
          deadlines: [{ id: "notify", name: "Notify", within: "PT72H" }],
          recipient: "Supervisory authority",
          fulfilled_by: { procedure: "malware", step: "notify-dpa" },
        },
      ],
    });
    expect(messages(lint(plan, minimalProcedure()))).toEqual([
      "error: obligation 'gdpr' points at step 'malware/notify-dpa', which does not exist",
      "error: incident type 'phishing' names procedure 'phishing', which does not exist",
    ]);
  });

  it("finds duplicate ids and conditions that can never hold", () => {
    const proc = minimalProcedure();
    (proc.steps as Record<string, unknown[]>).detection = [
      procedureStep("triage"),
      procedureStep("triage", "analyst", { condition: "severity > high" }),
    ];
    expect(messages(lint(minimalPlan(), proc))).toEqual([
      "error: duplicate step id 'triage'",
      "error: condition 'severity > high': 'severity > high' can never hold on the plan's scale",
    ]);
  });

  it("warns, without failing, when the plan's review is overdue", () => {
    const report = lint(
      minimalPlan({ review: { cycle: "P1Y", last_review: "2020-01-01" } }),
      minimalProcedure(),
    );
    expect(report.errors).toBe(0);
    expect(report.warnings).toBe(1);
    expect(messages(report)[0]).toMatch(/^warning: plan review overdue/);
  });

  it("needs exactly one plan", () => {
    expect(messages(lint(minimalProcedure()))).toEqual([
      "error: no plan: the set needs exactly one plan document",
    ]);
  });
});
