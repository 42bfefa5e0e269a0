import { CompiledQuery } from "kysely";
import { describe, expect, it } from "vitest";
import { TEST_DIALECTS, type TestDialect } from "../../test/support/databases.js";
import { operator } from "../../test/support/postincident.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import { currentPlan } from "../documents/document.service.js";
import type { Actor } from "../domain/actor.js";
import { fixedClock } from "../domain/clock.js";
import type { Incident, Task } from "../domain/incident/model.js";
import { computeMetrics } from "../domain/metrics.js";
import { acknowledgeIncident, declareIncident } from "../response/incident.service.js";
import {
  advancePhase,
  closeIncident,
  declineIncident,
  mergeIncident,
} from "../response/phase.service.js";
import { updateTask } from "../response/task.service.js";
import type { Runtime } from "../runtime.js";
import { metricCellsQueries } from "../store/incident-metrics.sql.js";
import { metrics } from "./metrics.service.js";

const H = 3_600_000;

/**
 * The metrics are added up in the database from columns each incident row keeps; the same
 * metrics computed in memory from the incidents and tasks themselves (domain/metrics.ts
 * computeMetrics, the definition) must come out equal, for an admin and for someone kept from a
 * restricted incident, over all time and over a period.
 */
describe.each(TEST_DIALECTS)(
  "metrics added up in $name equal the in-memory definition",
  (dialect) => {
    let rt: Runtime;
    const clock = fixedClock("2026-01-03T00:00:00.000Z");
    runtimePerTest(dialect, { clock }, (fresh) => {
      rt = fresh;
    });

    async function inMemory(viewer: Actor, from?: string, to?: string) {
      const all: Incident[] = [];
      let cursor: string | undefined;
      do {
        const page = await rt.incidents.list(
          { exercise: true, visibleTo: viewer.admin ? undefined : viewer.id },
          100,
          cursor,
        );
        all.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      const tasks: Task[] = [];
      for (const i of all) if (!i.exercise) tasks.push(...(await rt.incidents.tasks(i.id)));
      return computeMetrics(all, tasks, { from, to, now: clock.now() });
    }

    it("for every viewer and period", async () => {
      const plan = (await currentPlan(rt.documents)).body;
      const types = plan.incident_types.map((t) => t.id);
      const severities = plan.severity_scale.map((s) => s.id);
      const [commander, outsider, other] = plan.team.map((p) => p.id);
      const t0 = Date.parse("2026-01-03T00:00:00.000Z");
      const ids: string[] = [];
      for (let n = 0; n < 9; n++) {
        // Three months, several types and severities; one restricted, one exercise.
        clock.set(new Date(t0 + n * 11 * 24 * H));
        const i = await declareIncident(
          rt,
          {
            title: `Case ${n}`,
            type: types[n % 3] as string,
            severity: severities[n % severities.length],
            aware_at: new Date(t0 + n * 11 * 24 * H - (n + 1) * H).toISOString(),
            first_activity_at:
              n % 3 ? new Date(t0 + n * 11 * 24 * H - (3 * n + 5) * H).toISOString() : undefined,
            restricted: n === 4,
            commander: n === 4 ? commander : other,
            exercise: n === 7,
          },
          operator,
        );
        ids.push(i.id);
        clock.set(new Date(clock.now().getTime() + (n + 1) * 600_000));
        if (n !== 2) await acknowledgeIncident(rt, i.id, operator);
        // Steps done at different times: some on time, some late.
        const steps = (await rt.incidents.tasks(i.id)).filter((t) => t.required && t.step_id);
        for (const [k, step] of steps.slice(0, n % 4).entries()) {
          clock.set(new Date(clock.now().getTime() + (k + n) * H));
          await updateTask(rt, i.id, step.id, { status: "done" }, operator);
        }
        for (let a = 0; a < (n === 8 ? 4 : n % 5); a++) {
          clock.set(new Date(clock.now().getTime() + (a + 2) * 3 * H));
          await advancePhase(rt, i.id, { override: true, reason: "seeded" }, operator);
        }
      }
      clock.set(new Date(clock.now().getTime() + H));
      await declineIncident(rt, ids[1] as string, "benign", operator);
      await mergeIncident(rt, ids[5] as string, ids[8] as string, "same case", operator);
      for (const n of [4, 8])
        await closeIncident(rt, ids[n] as string, { override: true, reason: "done" }, operator);

      const person = (id: string): Actor => ({ kind: "person", id, name: id, admin: false });
      for (const viewer of [operator, person(outsider as string), person(commander as string)])
        for (const [from, to] of [
          [undefined, undefined],
          ["2026-01-10T00:00:00.000Z", "2026-02-20T00:00:00.000Z"],
        ] as const) {
          const sql = await metrics(rt, { from, to }, viewer);
          const expected = await inMemory(viewer, from, to);
          expect({ ...sql, overdue_action_items: 0 }).toEqual(expected);
        }
      // The restricted incident counts for its commander only.
      const all = await metrics(rt, {}, operator);
      const outside = await metrics(rt, {}, person(outsider as string));
      expect(outside.incidents).toBe(all.incidents - 1);
      // Something to compare: durations, judged steps and exclusions were there to add up.
      expect(all.excluded).toEqual({ exercises: 1, declined_or_merged: 2 });
      expect(all.overall.mttc.count).toBeGreaterThan(2);
      expect(all.overall.mttd.count).toBeGreaterThan(2);
      expect(all.plan_adherence.on_time + all.plan_adherence.late).toBeGreaterThan(0);
      expect(all.plan_adherence.not_done).toBeGreaterThan(0);
    });
  },
);

describe("the metrics aggregate's plan on SQLite", () => {
  let rt: Runtime;
  const sqlite = TEST_DIALECTS.find((d) => d.name === "sqlite") as TestDialect;
  runtimePerTest(sqlite, {}, (fresh) => {
    rt = fresh;
  });

  // Without that index the aggregate sorted every incident of the period into a temporary B-tree
  // and read their whole rows: seconds at 100,000 incidents (bench/scale.ts). The plan is
  // SQLite's own; PostgreSQL's depends on its statistics.
  it("walks its indexes in group order, the left-out incidents' alone: no sort, no table row", async () => {
    const k = rt.db.kysely;
    for (const scope of [
      {},
      { visibleTo: "someone" },
      { from: "2026-01-10T00:00:00.000Z", visibleTo: "someone" },
      { from: "2026-01-01T00:00:00.000Z", to: "2026-02-01T00:00:00.000Z", visibleTo: "x" },
    ]) {
      const queries = metricCellsQueries("sqlite", scope);
      for (const [query, index] of [
        [queries.counted(k), "incidents_metrics"],
        [queries.excluded(k), "incidents_left_out"],
      ] as const) {
        const q = query.compile();
        const plan = (
          await k.executeQuery<{ detail: string }>(
            CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]),
          )
        ).rows.map((r) => r.detail);
        expect(plan[0]).toMatch(
          new RegExp(`^(SCAN|SEARCH) incidents USING COVERING INDEX ${index}\\b`),
        );
        expect(plan.join("\n")).not.toMatch(/TEMP B-TREE/);
      }
    }
  });
});
