import { describe, expect, it } from "vitest";
import {
  lintYaml as lint,
  lintMessages as messages,
  minimalPlan,
  minimalProcedure,
  procedureStep,
} from "../../test/support/documents.js";
import { Deadline, Obligation } from "./plan.schema.js";

const gdpr = (fulfilled_by: unknown) => ({
  id: "gdpr",
  regulation: "GDPR Art. 33",
  trigger: "personal_data",
  clock_start: "awareness",
  deadlines: [{ id: "notify", name: "Notify", within: "PT72H" }],
  recipient: "Supervisory authority",
  fulfilled_by,
});

/** A second incident type whose procedure has the notification step the default one lacks. */
const phishingPlan = (fulfilled_by: unknown) =>
  minimalPlan({
    incident_types: [
      { id: "malware", name: "Malware", default_severity: "high", procedure: "malware" },
      { id: "phishing", name: "Phishing", default_severity: "low", procedure: "phishing" },
    ],
    compliance: [gdpr(fulfilled_by)],
  });
const phishing = () => {
  const proc = minimalProcedure({
    id: "phishing",
    applies_to: { incident_types: ["phishing"] },
  });
  (proc.steps as Record<string, unknown[]>).containment = [
    procedureStep("isolate"),
    procedureStep("notify-dpa", "analyst", { required: false, condition: "personal_data" }),
  ];
  return proc;
};

describe("deadline and obligation schema", () => {
  const ok = (d: unknown) => Deadline.safeParse(d).success;

  it("keeps the single-span forms and adds a start event and earliest_of", () => {
    expect(ok({ id: "a", name: "A", within: "PT72H" })).toBe(true);
    expect(ok({ id: "a", name: "A", within: "PT72H", from: "b" })).toBe(true);
    expect(ok({ id: "a", name: "A", within: "PT4H", start: "classification" })).toBe(true);
    expect(
      ok({
        id: "a",
        name: "A",
        earliest_of: [
          { start: "classification", within: "PT4H" },
          { start: "awareness", within: "PT24H" },
        ],
      }),
    ).toBe(true);
  });

  it("refuses ambiguous deadlines", () => {
    // A span of its own beside alternatives, a start and a from, one alternative only.
    expect(
      ok({
        id: "a",
        name: "A",
        within: "PT4H",
        earliest_of: [{ within: "PT1H" }, { within: "PT2H" }],
      }),
    ).toBe(false);
    expect(ok({ id: "a", name: "A", within: "PT4H", start: "awareness", from: "b" })).toBe(false);
    expect(ok({ id: "a", name: "A", earliest_of: [{ within: "PT1H" }] })).toBe(false);
    expect(
      ok({
        id: "a",
        name: "A",
        earliest_of: [{ within: "PT1H", business_days: 1 }, { within: "PT2H" }],
      }),
    ).toBe(false);
    expect(ok({ id: "a", name: "A", start: "payment", within: "PT1H" })).toBe(false);
  });

  it("takes one fulfilling step, a step of any procedure, or a list", () => {
    for (const f of [
      { procedure: "malware", step: "x" },
      { step: "x" },
      [{ step: "x" }, { procedure: "p", step: "y" }],
    ])
      expect(Obligation.safeParse(gdpr(f)).success).toBe(true);
    expect(Obligation.safeParse(gdpr([])).success).toBe(false);
  });
});

describe("lint of the regulatory fields", () => {
  it("accepts a step named without its procedure when some procedure has it", () => {
    expect(
      lint(phishingPlan({ step: "notify-dpa" }), minimalProcedure(), phishing()).findings,
    ).toEqual([]);
  });

  it("names the step no procedure has, and the list entry that is wrong", () => {
    expect(
      messages(lint(phishingPlan({ step: "notify-cnil" }), minimalProcedure(), phishing())),
    ).toEqual(["error: obligation 'gdpr' points at step 'notify-cnil', which no procedure has"]);
    const report = lint(
      phishingPlan([{ step: "notify-dpa" }, { procedure: "malware", step: "notify-dpa" }]),
      minimalProcedure(),
      phishing(),
    );
    expect(messages(report)).toEqual([
      "error: obligation 'gdpr' points at step 'malware/notify-dpa', which does not exist",
    ]);
    expect(report.findings[0]?.path).toBe("plan test-plan: compliance[0].fulfilled_by[1]");
  });

  it("lets only a boolean attribute start a clock event", () => {
    const plan = minimalPlan({
      attributes: [
        { id: "major_ict", type: "boolean", description: "Major", starts: "classification" },
        { id: "records", type: "number", description: "Records", starts: "determination" },
      ],
    });
    expect(messages(lint(plan, minimalProcedure()))).toEqual([
      "error: only a boolean attribute can start determination",
    ]);
  });

  it("type-checks an audience's condition", () => {
    const plan = minimalPlan();
    const [responders] = (plan.communication as { audiences: Record<string, unknown>[] }).audiences;
    plan.communication = { audiences: [{ ...responders, condition: "customer_impact" }] };
    const report = lint(plan, minimalProcedure());
    expect(messages(report)).toEqual([
      "error: condition 'customer_impact': unknown attribute 'customer_impact'",
    ]);
    expect(report.findings[0]?.path).toBe("plan test-plan: communication.audiences[0].condition");
  });

  it("warns of a target_from without a target, or counting from a later phase", () => {
    const proc = minimalProcedure();
    (proc.steps as Record<string, unknown[]>).containment = [
      procedureStep("isolate", "analyst", { target: undefined, target_from: "containment" }),
      procedureStep("report", "analyst", { required: false, target_from: "recovery" }),
      procedureStep("brief", "analyst", { required: false, target_from: "containment" }),
    ];
    expect(messages(lint(minimalPlan(), proc))).toEqual([
      "warning: target_from without a target is ignored",
      "warning: the step's target counts from entering recovery, which comes after its own phase containment: it has no due time while it can still block",
    ]);
  });
});
