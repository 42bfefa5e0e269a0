import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { minimalPlan } from "../../test/support/documents.js";
import { operator } from "../../test/support/postincident.js";
import { expectIntact, incidentState, rejection } from "../../test/support/response-helpers.js";
import { runtimePerTest, testRuntime } from "../../test/support/runtime.js";
import { currentPlan } from "../documents/document.service.js";
import { PlanDocument } from "../documents/plan.schema.js";
import type { Actor } from "../domain/actor.js";
import { fixedClock } from "../domain/clock.js";
import { commanderRequired } from "../domain/command-rule.js";
import type { Incident } from "../domain/incident/model.js";
import { onCallAt } from "../domain/on-call.js";
import { recordLessons } from "../postincident/lessons.service.js";
import * as rca from "../postincident/rca.service.js";
import { generateReport, getReport } from "../reports/report.service.js";
import type { Runtime } from "../runtime.js";
import { type AuthorityContext, authorise } from "./authority.js";
import { closingObligations } from "./closing.js";
import { classifyIncident, declareIncident } from "./incident.service.js";
import { advancePhase, closeIncident, declineIncident, mergeIncident } from "./phase.service.js";
import { assignRole } from "./role.service.js";
import { updateTask } from "./task.service.js";
import { incidentTimeline } from "./timeline.service.js";

const person = (id: string): Actor => ({ kind: "person", id, name: id });
/** A security analyst: a responder whom the built-in plan gives no incident authority. */
const jonas = person("jonas-weber");
const amara = person("amara-okafor");
/** A deputy commander: may override gates, may not close. */
const priya = person("priya-natarajan");

describe("the built-in plan's command and closing rules", () => {
  it("requires a commander and post-incident work from emergency up", async () => {
    const rt = await testRuntime(TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number]);
    try {
      const plan = (await currentPlan(rt.documents)).body;
      expect(
        ["inconvenience", "emergency", "disaster", "catastrophe"].map((s) => [
          commanderRequired(plan, s),
          closingObligations(plan, s),
        ]),
      ).toEqual([
        [false, []],
        [true, ["root_cause_analysis", "lessons_learned", "after_action_report"]],
        [
          true,
          ["root_cause_analysis", "lessons_learned", "after_action_report", "executive_report"],
        ],
        [
          true,
          ["root_cause_analysis", "lessons_learned", "after_action_report", "executive_report"],
        ],
      ]);
    } finally {
      await rt.close();
    }
  });
});

describe("a plan written before the command authorities existed", () => {
  // minimalPlan: ann is a commander (override_gate, close, …), bob an analyst; no role names
  // assign_commander, hand_over, decline or merge, so override_gate stands in for them.
  const plan = PlanDocument.parse(minimalPlan());
  const ctx = (id: string, commander: string | null = null): AuthorityContext => ({
    plan,
    incident: { human_id: "INC-2026-0001", commander },
    roles: [],
    actor: person(id),
    now: new Date(),
  });
  it("lets whoever may override a gate command, hand over, decline and merge; not an analyst", () => {
    for (const action of [
      { kind: "assign_role", role: "commander" },
      { kind: "decline" },
      { kind: "merge" },
    ] as const) {
      expect(authorise(ctx("ann"), action)).toBeNull();
      expect(authorise(ctx("bob"), action)?.message).toMatch(/gives that to commander, an admin/);
    }
    expect(authorise(ctx("bob", "bob"), { kind: "assign_role", role: "commander" })).toBeNull();
  });
});

describe.each(TEST_DIALECTS)("authority from the plan on $name", (dialect) => {
  let rt: Runtime;
  const clock = fixedClock("2026-03-04T15:00:00.000Z");
  runtimePerTest(dialect, { clock }, (fresh) => {
    rt = fresh;
  });

  const declare = (extra: Record<string, unknown> = {}) =>
    declareIncident(
      rt,
      { title: "Files encrypted on FS01", type: "ransomware", severity: "emergency", ...extra },
      operator,
    );

  async function finishPhase(ref: string, actor: Actor = operator) {
    const incident = (await rt.incidents.get(ref)) as Incident;
    for (const t of await rt.incidents.tasks(incident.id))
      if (
        (t.phase === incident.phase && t.required) ||
        (incident.phase === "post_incident" && t.phase === "remediation")
      )
        if (t.status !== "done") await updateTask(rt, ref, t.id, { status: "done" }, actor);
  }

  /** Declared with Amara in command and worked to post-incident. */
  async function atPostIncident(): Promise<Incident> {
    const incident = await declare({ commander: "amara-okafor" });
    for (let i = 0; i < 4; i++) {
      await finishPhase(incident.id);
      await advancePhase(rt, incident.id, {}, amara);
    }
    await finishPhase(incident.id);
    return (await rt.incidents.get(incident.id)) as Incident;
  }

  it("refuses a responder putting himself in command; the commander hands over to him", async () => {
    const incident = await declare({ commander: "amara-okafor" });
    const before = await incidentState(rt, incident.id);
    const self = await rejection(
      assignRole(rt, incident.id, { role: "commander", person: "jonas-weber" }, jonas),
    );
    expect(self.code).toBe("forbidden");
    expect(self.extra.rule).toBe("assign_commander");
    expect(self.message).toMatch(/jonas-weber may not put someone in command/);
    // A role carrying authority he does not hold is refused too; one without authority is not.
    const deputy = await rejection(
      assignRole(rt, incident.id, { role: "deputy-commander", person: "jonas-weber" }, jonas),
    );
    expect(deputy.extra.missing_authority).toEqual(
      expect.arrayContaining(["override_gate", "change_severity"]),
    );
    expect(await incidentState(rt, incident.id)).toEqual(before);
    await assignRole(rt, incident.id, { role: "scribe", person: "jonas-weber" }, jonas);

    const handed = await assignRole(
      rt,
      incident.id,
      { role: "commander", person: "jonas-weber", reason: "end of shift" },
      amara,
    );
    expect(handed.person).toBe("jonas-weber");
    expect((await rt.incidents.get(incident.id))?.commander).toBe("jonas-weber");
    const last = (await incidentTimeline(rt, incident.id, undefined)).at(-1);
    expect(last).toMatchObject({
      kind: "role.handover",
      actor: { id: "amara-okafor" },
      payload: { role: "commander", from: "amara-okafor", to: "jonas-weber" },
    });

    // Having handed over, Amara holds none of the commander's authority on this incident.
    const declined = await rejection(declineIncident(rt, incident.id, "not ours", amara));
    expect([declined.code, declined.extra.rule]).toEqual(["forbidden", "decline"]);

    // Now Amara is a qualified commander but not this one's: only whoever is on call may take it.
    const plan = (await currentPlan(rt.documents)).body;
    const rotation = plan.on_call.find((r) => r.role === "commander");
    const onCall = onCallAt(rotation as NonNullable<typeof rotation>, clock.now()) as string;
    const offCall = onCall === "amara-okafor" ? "daniel-reyes" : "amara-okafor";
    const refused = await rejection(
      assignRole(rt, incident.id, { role: "commander", person: offCall }, person(offCall)),
    );
    expect(refused.message).toMatch(/whoever is on call for commander/);
    await assignRole(rt, incident.id, { role: "commander", person: onCall }, person(onCall));
    expect((await rt.incidents.get(incident.id))?.commander).toBe(onCall);
    await expectIntact(rt, incident.id);
  });

  it("refuses a responder naming himself commander at declaration", async () => {
    const e = await rejection(
      declareIncident(
        rt,
        { title: "x", type: "ransomware", severity: "emergency", commander: "jonas-weber" },
        jonas,
      ),
    );
    expect(e.extra.rule).toBe("assign_commander");
  });

  it("keeps an emergency incident in detection until it has a commander", async () => {
    const incident = await declare();
    await finishPhase(incident.id);
    for (const input of [{}, { override: true, reason: "urgent" }]) {
      const blocked = await rejection(advancePhase(rt, incident.id, input, operator));
      expect(blocked.code).toBe("gate_blocked");
      expect(blocked.extra.rule).toBe("command.required_from");
      expect(blocked.message).toMatch(/cannot leave detection without a named commander/);
    }
    expect((await rt.incidents.get(incident.id))?.phase).toBe("detection");
    await assignRole(rt, incident.id, { role: "commander", person: "daniel-reyes" }, operator);
    expect((await advancePhase(rt, incident.id, {}, operator)).phase).toBe("containment");
  });

  it("lets an inconvenience leave detection without a commander", async () => {
    const incident = await declareIncident(
      rt,
      { title: "Phish reported", type: "phishing", severity: "inconvenience" },
      operator,
    );
    await finishPhase(incident.id);
    expect((await advancePhase(rt, incident.id, {}, operator)).phase).toBe("containment");
  });

  it("refuses closing without the post-incident work, naming it; the commander overrides with a reason", async () => {
    const incident = await atPostIncident();
    const before = await incidentState(rt, incident.id);
    const blocked = await rejection(closeIncident(rt, incident.id, {}, amara));
    expect(blocked.code).toBe("gate_blocked");
    expect(blocked.extra.missing_obligations).toEqual([
      "root_cause_analysis",
      "lessons_learned",
      "after_action_report",
    ]);
    expect(blocked.message).toMatch(/requires at severity emergency: .*an after-action report/);
    const noReason = await rejection(closeIncident(rt, incident.id, { override: true }, amara));
    expect(noReason.code).toBe("invalid_input");
    for (const [who, rule] of [
      [priya, "close"],
      [jonas, "close"],
    ] as const) {
      const e = await rejection(
        closeIncident(rt, incident.id, { override: true, reason: "r" }, who),
      );
      expect([e.code, e.extra.rule]).toEqual(["forbidden", rule]);
    }
    expect(await incidentState(rt, incident.id)).toEqual(before);

    const reason = "Board asked to close; RCA continues under PRB-2026-0001";
    const closed = await closeIncident(rt, incident.id, { override: true, reason }, amara);
    expect(closed.phase).toBe("closed");
    const entry = (await incidentTimeline(rt, incident.id, undefined)).find(
      (e) => e.kind === "incident.closing_overridden",
    );
    expect(entry).toMatchObject({
      actor: { id: "amara-okafor" },
      payload: {
        reason,
        missing: ["root_cause_analysis", "lessons_learned", "after_action_report"],
      },
    });
    const meta = await generateReport(
      rt,
      incident.id,
      { kind: "after-action", format: "md" },
      operator,
    );
    const content = (await getReport(rt, meta.id)).bytes.toString("utf8");
    expect(content).toContain("Closing obligations");
    expect(content).toContain(reason);
    expect(content).toMatch(/amara-okafor closed the incident without a root-cause analysis/);
    await expectIntact(rt, incident.id);
  });

  it("closes once the RCA, the lessons review and the after-action report are on record", async () => {
    const incident = await atPostIncident();
    const analysis = await rca.startRca(
      rt,
      { incident: incident.id, scope: { summary: "How FS01 was encrypted", in_scope: ["FS01"] } },
      amara,
    );
    const why = await rca.addCause(rt, analysis.id, { statement: "VPN without MFA" }, amara);
    await rca.identifyRootCause(rt, analysis.id, { cause_id: why.cause.id }, amara);
    let blocked = await rejection(closeIncident(rt, incident.id, {}, amara));
    expect(blocked.extra.missing_obligations).toContain("root_cause_analysis");
    await rca.setSolution(rt, analysis.id, { summary: "FIDO2 on the VPN" }, amara);
    await recordLessons(
      rt,
      incident.id,
      { what_happened: "Phished VPN password", went_well: [], went_poorly: [], learned: [] },
      amara,
    );
    blocked = await rejection(closeIncident(rt, incident.id, {}, amara));
    expect(blocked.extra.missing_obligations).toEqual(["after_action_report"]);
    await generateReport(rt, incident.id, { kind: "after-action", format: "md" }, amara);
    expect((await closeIncident(rt, incident.id, {}, amara)).phase).toBe("closed");
    const kinds = (await incidentTimeline(rt, incident.id, undefined)).map((e) => e.kind);
    expect(kinds).not.toContain("incident.closing_overridden");
  });

  it("refuses a responder declining, merging or reclassifying; the commander may", async () => {
    const a = await declare({ commander: "amara-okafor" });
    const b = await declare({ commander: "amara-okafor", title: "Same attack, FS02" });
    for (const [call, rule] of [
      [() => declineIncident(rt, a.id, "false positive", jonas), "decline"],
      [() => mergeIncident(rt, a.id, b.human_id, "same attack", jonas), "merge"],
      [
        () => classifyIncident(rt, a.id, { severity: "inconvenience", reason: "minor" }, jonas),
        "change_severity",
      ],
      [
        () => classifyIncident(rt, a.id, { type: "phishing", reason: "it was a phish" }, jonas),
        "change_severity",
      ],
    ] as const) {
      const e = await rejection(call());
      expect([e.code, e.extra.rule]).toEqual(["forbidden", rule]);
    }
    // Attributes are facts anyone working the incident records.
    await classifyIncident(
      rt,
      a.id,
      { attributes: { personal_data: true }, reason: "HR share" },
      jonas,
    );
    expect((await declineIncident(rt, a.id, "backup job, not ransomware", amara)).phase).toBe(
      "declined",
    );
    expect((await mergeIncident(rt, b.id, (await declare()).human_id, "same", amara)).phase).toBe(
      "merged",
    );
  });
});
