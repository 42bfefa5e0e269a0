import type { Kysely, Selectable } from "kysely";
import type {
  Completion,
  CompletionStore,
  EventSampleSource,
  ReadinessSnapshot,
  SnapshotStore,
} from "../preparation/preparation.types.js";
import type { Db } from "./connect.js";
import type { Database } from "./database.js";
import type { PreparationCompletionsTable } from "./tables/preparation.js";

function completionFromRow(r: Selectable<PreparationCompletionsTable>): Completion {
  return {
    id: r.id,
    activity_id: r.activity_id,
    plan_id: r.plan_id,
    plan_version: Number(r.plan_version),
    outcome: r.outcome as Completion["outcome"],
    completed_at: r.completed_at,
    recorded_at: r.recorded_at,
    completed_by: r.completed_by,
    evidence: JSON.parse(r.evidence) as string[],
    notes: r.notes,
    result: r.result === null ? null : (JSON.parse(r.result) as unknown),
  };
}

/** Completions of preparation activities over the database. */
export function completionRepo(db: Db): CompletionStore {
  const k: Kysely<Database> = db.kysely;
  return {
    async add(c) {
      await k
        .insertInto("preparation_completions")
        .values({
          ...c,
          evidence: JSON.stringify(c.evidence),
          result: c.result === null || c.result === undefined ? null : JSON.stringify(c.result),
        })
        .execute();
    },
    async list({ activityId, limit = 100 }) {
      let q = k.selectFrom("preparation_completions").selectAll();
      if (activityId) q = q.where("activity_id", "=", activityId);
      const rows = await q
        .orderBy("completed_at", "desc")
        .orderBy("recorded_at", "desc")
        .limit(limit)
        .execute();
      return rows.map(completionFromRow);
    },
    async latestDone() {
      // A handful of activities with a few completions a year each: reading them all is cheap.
      const rows = await k
        .selectFrom("preparation_completions")
        .selectAll()
        .where("outcome", "=", "done")
        .orderBy("completed_at", "asc")
        .execute();
      const out = new Map<string, Completion>();
      for (const r of rows) out.set(r.activity_id, completionFromRow(r));
      return out;
    },
  };
}

/** Readiness snapshots over the database. */
export function snapshotRepo(db: Db): SnapshotStore {
  const k: Kysely<Database> = db.kysely;
  return {
    async add(s) {
      await k
        .insertInto("readiness_snapshots")
        .values({ ...s, breakdown: JSON.stringify(s.breakdown) })
        .execute();
    },
    async list({ from, to, limit = 500 }) {
      let q = k.selectFrom("readiness_snapshots").selectAll();
      if (from) q = q.where("taken_at", ">=", from);
      if (to) q = q.where("taken_at", "<", to);
      const rows = await q.orderBy("taken_at", "desc").limit(limit).execute();
      return rows.map(
        (r): ReadinessSnapshot => ({
          id: r.id,
          taken_at: r.taken_at,
          score: Number(r.score),
          plan_id: r.plan_id,
          plan_version: Number(r.plan_version),
          breakdown: JSON.parse(r.breakdown) as unknown,
        }),
      );
    },
  };
}

/** Events an exercise replayed carry the source label `exercise:<run>` (detection/ingest). */
const EXERCISE_SOURCE = "exercise:%";

/**
 * Samples of the events received since a time, for telling which log sources arrive: the
 * newest `perGroup` of every sender (source label and integration) and of every day, so that a
 * quiet source is not drowned by a loud one. Exercise replays are left out: they prove nothing
 * about what the estate sends.
 */
export function eventSampleRepo(db: Db): EventSampleSource {
  const k: Kysely<Database> = db.kysely;
  const recent = (since: string) =>
    k
      .selectFrom("events")
      .where("received_at", ">=", since)
      .where((eb) => eb.or([eb("source", "is", null), eb("source", "not like", EXERCISE_SOURCE)]));
  return {
    async samples({ since, until }, perGroup) {
      const raws: string[] = [];
      const groups = await recent(since).select(["source", "integration_id"]).distinct().execute();
      for (const g of groups.slice(0, 200)) {
        const rows = await recent(since)
          .select("raw")
          .where((eb) =>
            g.source === null ? eb("source", "is", null) : eb("source", "=", g.source),
          )
          .where((eb) =>
            g.integration_id === null
              ? eb("integration_id", "is", null)
              : eb("integration_id", "=", g.integration_id),
          )
          .orderBy("received_at", "desc")
          .limit(perGroup)
          .execute();
        raws.push(...rows.map((r) => r.raw));
      }
      for (let t = Date.parse(since); t < Date.parse(until); t += 86_400_000) {
        const rows = await recent(new Date(t).toISOString())
          .where("received_at", "<", new Date(t + 86_400_000).toISOString())
          .select("raw")
          .orderBy("received_at", "desc")
          .limit(perGroup)
          .execute();
        raws.push(...rows.map((r) => r.raw));
      }
      return raws.map((r) => JSON.parse(r) as unknown);
    },
  };
}
