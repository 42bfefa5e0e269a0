import type { Kysely, Selectable } from "kysely";
import type { Actor } from "../domain/actor.js";
import type {
  ExerciseRun,
  ExerciseRunStore,
  RunLogEntry,
  RunStatus,
} from "../preparation/preparation.types.js";
import type { Db } from "./connect.js";
import type { Database } from "./database.js";
import { findByRef } from "./human-ids.js";
import { isUniqueViolation } from "./plan-review.repo.js";
import type { ExerciseRunsTable } from "./tables/preparation.js";

function runFromRow(r: Selectable<ExerciseRunsTable>): ExerciseRun {
  return {
    ...r,
    exercise_version: Number(r.exercise_version),
    plan_version: Number(r.plan_version),
    speed: Number(r.speed),
    status: r.status as RunStatus,
    incident_ids: JSON.parse(r.incident_ids) as string[],
    score: r.score === null ? null : (JSON.parse(r.score) as unknown),
    action_items: JSON.parse(r.action_items) as string[],
    version: Number(r.version),
  };
}

function runToRow(run: ExerciseRun): Selectable<ExerciseRunsTable> {
  return {
    ...run,
    incident_ids: JSON.stringify(run.incident_ids),
    score: run.score === null || run.score === undefined ? null : JSON.stringify(run.score),
    action_items: JSON.stringify(run.action_items),
  };
}

/** Exercise runs and their logs over the database. */
export function exerciseRunRepo(db: Db): ExerciseRunStore {
  const k: Kysely<Database> = db.kysely;
  return {
    async create(run) {
      await k.insertInto("exercise_runs").values(runToRow(run)).execute();
    },
    async get(ref) {
      const row = await findByRef(k, "exercise_runs", ref);
      return row ? runFromRow(row) : undefined;
    },
    async list({ status, since }, limit) {
      let q = k.selectFrom("exercise_runs").selectAll();
      if (status) q = q.where("status", "=", status);
      if (since) q = q.where("started_at", ">=", since);
      const rows = await q.orderBy("started_at", "desc").limit(limit).execute();
      return rows.map(runFromRow);
    },
    async update(run, expected) {
      const { id, ...rest } = runToRow(run);
      const r = await k
        .updateTable("exercise_runs")
        .set(rest)
        .where("id", "=", id)
        .where("version", "=", expected)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async log(runId) {
      const rows = await k
        .selectFrom("exercise_run_log")
        .selectAll()
        .where("run_id", "=", runId)
        .orderBy("seq", "asc")
        .execute();
      return rows.map(
        (r): RunLogEntry => ({
          seq: Number(r.seq),
          at: r.at,
          kind: r.kind,
          actor: JSON.parse(r.actor) as Actor,
          payload: JSON.parse(r.payload) as Record<string, unknown>,
        }),
      );
    },
    async append(runId, entries) {
      if (entries.length === 0) return;
      // Two writers may take the same next seq; the primary key refuses the second, which retries.
      for (let attempt = 0; ; attempt++) {
        try {
          await k.transaction().execute(async (tx) => {
            const last = await tx
              .selectFrom("exercise_run_log")
              .select((eb) => eb.fn.max("seq").as("seq"))
              .where("run_id", "=", runId)
              .executeTakeFirst();
            let seq = Number(last?.seq ?? 0);
            await tx
              .insertInto("exercise_run_log")
              .values(
                entries.map((e) => ({
                  run_id: runId,
                  seq: ++seq,
                  at: e.at,
                  kind: e.kind,
                  actor: JSON.stringify(e.actor),
                  payload: JSON.stringify(e.payload),
                })),
              )
              .execute();
          });
          return;
        } catch (e) {
          if (!isUniqueViolation(e) || attempt >= 9) throw e;
        }
      }
    },
    async nextHumanId(year) {
      const prefix = `RUN-${year}-`;
      const row = await k
        .selectFrom("exercise_runs")
        .select((eb) => eb.fn.max("human_id").as("max"))
        .where("human_id", "like", `${prefix}%`)
        .executeTakeFirst();
      const n = row?.max ? Number(String(row.max).slice(prefix.length)) : 0;
      return `${prefix}${String(n + 1).padStart(4, "0")}`;
    },
  };
}
