import { beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { minimalPlan, minimalProcedure, writeLibrary } from "../../test/support/documents.js";
import { operator } from "../../test/support/postincident.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import { fixedClock } from "../domain/clock.js";
import { addActionItem } from "../postincident/action-item.service.js";
import { acknowledgeIncident, declareIncident } from "../response/incident.service.js";
import { advancePhase, closeIncident, declineIncident } from "../response/phase.service.js";
import { updateTask } from "../response/task.service.js";
import type { Runtime } from "../runtime.js";
import { metrics } from "./metrics.service.js";

const H = 3_600_000;
const M = 60_000;

/**
 * One incident of the minimal library (one required step per phase, due 1 h after declaration),
 * declared at `at`; every other time is hours after it. A step without a done time has its gate
 * overridden when the phase is left.
 */
interface Spec {
  at: string;
  severity: "low" | "high";
  firstActivityH?: number;
  awareH: number;
  ackH: number;
  done: Partial<Record<"triage" | "isolate" | "clean" | "restore", number>>;
  /** Advances detection→containment→eradication→recovery→post_incident, hours after declaration. */
  advances: number[];
  closeH?: number;
}

describe.each(TEST_DIALECTS)("metrics over seeded incidents on $name", (dialect) => {
  let rt: Runtime;
  const clock = fixedClock("2026-01-05T00:00:00.000Z");
  beforeEach(() => clock.set("2026-01-05T00:00:00.000Z"));
  runtimePerTest(
    dialect,
    { clock, library: [writeLibrary(minimalPlan(), minimalProcedure())] },
    (fresh) => {
      rt = fresh;
    },
  );

  async function run(s: Spec): Promise<string> {
    const t0 = Date.parse(s.at);
    const at = (h: number) => clock.set(new Date(t0 + h * H));
    at(0);
    const i = await declareIncident(
      rt,
      {
        title: `Malware ${s.at}`,
        type: "malware",
        severity: s.severity,
        aware_at: new Date(t0 - s.awareH * H).toISOString(),
        first_activity_at:
          s.firstActivityH === undefined
            ? undefined
            : new Date(t0 - s.firstActivityH * H).toISOString(),
      },
      operator,
    );
    const tasks = await rt.incidents.tasks(i.id);
    const events: [number, () => Promise<unknown>][] = [
      [s.ackH, () => acknowledgeIncident(rt, i.id, operator)],
    ];
    for (const [step, h] of Object.entries(s.done))
      events.push([
        h,
        () =>
          updateTask(
            rt,
            i.id,
            tasks.find((t) => t.step_id === step)?.id as string,
            { status: "done" },
            operator,
          ),
      ]);
    for (const h of s.advances)
      events.push([
        h,
        () => advancePhase(rt, i.id, { override: true, reason: "seeded" }, operator),
      ]);
    if (s.closeH !== undefined)
      events.push([
        s.closeH,
        () => closeIncident(rt, i.id, { override: true, reason: "seeded" }, operator),
      ]);
    events.sort((a, b) => a[0] - b[0]);
    for (const [h, act] of events) {
      at(h);
      await act();
    }
    return i.id;
  }

  it("equals hand-computed MTTD, MTTA, MTTC, MTTR, time to close, breakdowns and plan adherence", async () => {
    // A: detected 8 h after first activity; ack 30 m; contained 4 h after declaration (6 h after
    // awareness); recovered at 20 h (22 h); closed at 30 h (32 h). Steps: 1 on time, 3 late.
    await run({
      at: "2026-01-05T00:00:00.000Z",
      severity: "high",
      firstActivityH: 10,
      awareH: 2,
      ackH: 0.5,
      done: { triage: 0.5, isolate: 3, clean: 5, restore: 12 },
      advances: [1, 4, 10, 20],
      closeH: 30,
    });
    // B: no first activity known; aware at declaration; ack 2 h; contained at 2 h; still in
    // eradication. Steps: triage on time, isolate late, clean pending.
    await run({
      at: "2026-01-20T00:00:00.000Z",
      severity: "low",
      awareH: 0,
      ackH: 2,
      done: { triage: 0.5, isolate: 1.5 },
      advances: [1, 2],
    });
    // An exercise and a declined incident in January: left out and counted as such.
    clock.set("2026-01-25T00:00:00.000Z");
    await declareIncident(
      rt,
      {
        title: "Drill",
        type: "malware",
        exercise: true,
        first_activity_at: "2025-01-01T00:00:00Z",
      },
      operator,
    );
    const e = await declareIncident(rt, { title: "False positive", type: "malware" }, operator);
    clock.set("2026-01-25T01:00:00.000Z");
    await declineIncident(rt, e.id, "benign admin script", operator);
    // C: detected 48 h after first activity; ack 10 m; contained at 3 h (5 h); recovered at 12 h
    // (14 h); closed at 48 h (50 h). No step done: 4 gates passed over, 4 steps not done.
    await run({
      at: "2026-02-10T00:00:00.000Z",
      severity: "high",
      firstActivityH: 50,
      awareH: 2,
      ackH: 10 / 60,
      done: {},
      advances: [1, 3, 8, 12],
      closeH: 48,
    });

    clock.set("2026-03-01T00:00:00.000Z");
    await addActionItem(
      rt,
      { title: "Overdue thing", owner: "bob", due_at: "2026-02-01" },
      operator,
    );
    await addActionItem(rt, { title: "Later thing", owner: "ann", due_at: "2026-04-01" }, operator);

    const m = await metrics(rt, {});
    expect(m.incidents).toBe(3);
    expect(m.excluded).toEqual({ exercises: 1, declined_or_merged: 1 });
    expect(m.overall.mttd).toEqual({
      count: 2,
      mean_ms: 28 * H,
      median_ms: 28 * H,
      p90_ms: 44 * H,
    });
    expect(m.overall.mtta.count).toBe(3);
    expect(m.overall.mtta.mean_ms).toBeCloseTo((160 / 3) * M, 3);
    expect(m.overall.mtta.median_ms).toBe(30 * M);
    expect(m.overall.mtta.p90_ms).toBeCloseTo(102 * M, 3);
    expect(m.overall.mttc.mean_ms).toBeCloseTo((13 / 3) * H, 3);
    expect(m.overall.mttc.median_ms).toBe(5 * H);
    expect(m.overall.mttc.p90_ms).toBeCloseTo(5.8 * H, 3);
    expect(m.overall.mttr).toEqual({
      count: 2,
      mean_ms: 18 * H,
      median_ms: 18 * H,
      p90_ms: 21.2 * H,
    });
    expect(m.overall.time_to_close.mean_ms).toBe(41 * H);
    expect(m.overall.time_to_close.p90_ms).toBeCloseTo(48.2 * H, 3);
    expect(Object.keys(m.by_severity)).toEqual(["high", "low"]);
    expect(m.by_severity.high?.metrics.mtta.median_ms).toBe(20 * M);
    expect(m.by_severity.low?.metrics.mttc.median_ms).toBe(2 * H);
    expect(m.by_type.malware?.incidents).toBe(3);
    expect(
      Object.fromEntries(Object.entries(m.by_month).map(([k, g]) => [k, g.incidents])),
    ).toEqual({ "2026-01": 2, "2026-02": 1 });
    expect(m.plan_adherence).toEqual({
      judged: 10,
      on_time: 2,
      late: 4,
      skipped: 0,
      not_done: 4,
      rate: 0.2,
    });
    expect(m.overdue_action_items).toBe(1);

    // A period: January only.
    const jan = await metrics(rt, { from: "2026-01-01", to: "2026-02-01" });
    expect(jan.incidents).toBe(2);
    expect(jan.overall.mttc).toEqual({
      count: 2,
      mean_ms: 4 * H,
      median_ms: 4 * H,
      p90_ms: 5.6 * H,
    });
    expect(jan.plan_adherence.judged).toBe(6);
    await expect(metrics(rt, { from: "yesterday" })).rejects.toThrow(/ISO 8601/);
  });
});
