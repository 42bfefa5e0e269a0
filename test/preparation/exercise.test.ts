import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isExercise } from "../../src/comms/notification.types.js";
import { ingestEvents } from "../../src/detection/ingest.service.js";
import { exerciseReport } from "../../src/preparation/exercise/report.js";
import { answerQuestion, startRun } from "../../src/preparation/exercise/run.service.js";
import { runView } from "../../src/preparation/exercise/run-view.js";
import type { RunScore } from "../../src/preparation/exercise/score.js";
import { metrics } from "../../src/reports/metrics.service.js";
import { renderReport } from "../../src/reports/report.service.js";
import { acknowledgeIncident } from "../../src/response/incident.service.js";
import { advancePhase } from "../../src/response/phase.service.js";
import { assignRole } from "../../src/response/role.service.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { shadowDelete } from "../support/detection.js";
import { type PreparationHarness, preparationHarness } from "../support/preparation.js";
import { operator } from "../support/response-helpers.js";

const SECOND = 1000;

/** What the organisation's real metrics say (exercises must never move them). */
async function realMetrics(h: PreparationHarness) {
  const m = await metrics(h.rt, {});
  return {
    incidents: m.incidents,
    overall: m.overall,
    by_type: m.by_type,
    adherence: m.plan_adherence,
  };
}

describe.each(TEST_DIALECTS)("the ransomware exercise at 60× ($name)", (dialect) => {
  let h: PreparationHarness;
  beforeEach(async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    h = await preparationHarness(dialect);
    await h.drain();
  });
  afterEach(async () => h?.close());

  it("replays through the real pipeline into an exercise incident, scores it, reports it, and leaves real metrics alone", async () => {
    // A real incident from a real alert first, so that real metrics have something to lose.
    const real = await ingestEvents(h.rt, {
      text: JSON.stringify(shadowDelete("FS02.corp.example.org")),
    });
    expect(real.incidents).toMatchObject([{ action: "declared" }]);
    const before = await realMetrics(h);

    const started = await startRun(h.rt, "ransomware-phishing", { speed: 60 }, operator);
    expect(started).toMatchObject({
      status: "running",
      speed: 60,
      human_id: expect.stringMatching(/^RUN-/),
    });
    await h.drain();
    // T+10 min scenario = 10 s real: the shadow copies go, the policy declares.
    await h.advance(10 * SECOND);
    let run = await runView(h.rt, started.id);
    expect(run.incidents).toHaveLength(1);
    const exr = await h.rt.incidents.get(run.incident_ids[0] as string);
    expect(exr).toMatchObject({ exercise: true, type: "ransomware", severity: "emergency" });
    expect(exr?.human_id).toMatch(/^EXR-/);
    // Its alerts are the run's, kept apart from the real FS02 alert and incident.
    for (const id of exr?.source_alerts ?? [])
      expect((await h.rt.detection.alerts.get(id))?.exercise_run_id).toBe(started.id);

    // The team: acknowledges 3 scenario minutes after the declaration, isolates, refuses to pay.
    await h.advance(3 * SECOND);
    await acknowledgeIncident(h.rt, exr?.id as string, operator);
    // An emergency leaves detection only with a named commander (the plan's command rule).
    await assignRole(
      h.rt,
      exr?.id as string,
      { role: "commander", person: "amara-okafor" },
      operator,
    );
    await h.advance(2 * SECOND); // T+15: the isolate question
    await answerQuestion(
      h.rt,
      started.human_id,
      { inject: "isolate-decision", choice: "isolate" },
      operator,
    );
    await h.advance(5 * SECOND);
    await advancePhase(
      h.rt,
      exr?.id as string,
      { override: true, reason: "drill: FS01 isolated" },
      operator,
    );
    await advancePhase(
      h.rt,
      exr?.id as string,
      { override: true, reason: "drill: contained" },
      operator,
    );
    await h.advance(10 * SECOND); // T+30: the ransom question
    await answerQuestion(
      h.rt,
      started.id,
      { inject: "ransom-decision", choice: "no-pay" },
      operator,
    );
    // Nobody answers the GDPR question. At T+120 min (2 real minutes) the run ends by itself.
    await h.advance(95 * SECOND);

    run = await runView(h.rt, started.id);
    expect(run.status).toBe("finished");
    expect(run.injects.every((i) => i.delivered_at)).toBe(true);
    const score = run.score as RunScore;
    const outcome = Object.fromEntries(score.items.map((x) => [x.id, x.outcome]));
    expect(outcome).toEqual({
      "target:declare": "met",
      "target:acknowledge": "met",
      "target:contain": "met",
      "classification:type": "right",
      "classification:severity": "right",
      "decision:isolate-decision": "right",
      "decision:ransom-decision": "right",
      "decision:gdpr-clock": "unanswered",
    });
    expect(score.score).toBe(88);
    expect(score.gaps).toHaveLength(1);
    // The gap is an owned, dated action item on the exercise incident.
    expect(run.action_items).toHaveLength(1);
    const item = await h.rt.db.kysely
      .selectFrom("action_items")
      .selectAll()
      .where("id", "=", run.action_items[0] as string)
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({ incident_id: exr?.id, owner: "robert-chen" });
    expect(item.title).toMatch(/GDPR|Has the GDPR/);

    // Every message about the exercise says EXERCISE: pages of the exercise incident and injects.
    const all = await h.rt.notifications.list({ limit: 1000 });
    const ofRun = all.filter(
      (n) => n.incidentId === exr?.id || n.labels.includes(`exercise-run:${started.human_id}`),
    );
    expect(ofRun.some((n) => n.kind === "page")).toBe(true);
    expect(ofRun.some((n) => n.kind === "exercise")).toBe(true);
    expect(ofRun.every(isExercise)).toBe(true);
    // … and nothing about the real incident does.
    const realIncident = real.incidents[0]?.incident_id;
    expect(all.filter((n) => n.incidentId === realIncident).some(isExercise)).toBe(false);

    // The exercise after-action report.
    const report = await exerciseReport(h.rt, started.human_id);
    const md = (await renderReport(report, "md")).toString("utf8");
    expect(md).toContain("EXERCISE");
    expect(md).toContain("88/100");
    expect(md).toMatch(/Time to acknowledge.*met/);
    expect(md).toContain(exr?.human_id as string);
    expect((await renderReport(report, "pdf")).subarray(0, 4).toString()).toBe("%PDF");

    // The drill counts for the readiness programme, and real metrics did not move.
    const drills = await h.rt.preparation.completions.list({ activityId: "tabletop-exercise" });
    expect(drills[0]?.evidence[0]).toContain(started.human_id);
    expect(await realMetrics(h)).toEqual(before);
  });
});
