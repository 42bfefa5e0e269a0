import type { Kysely } from "kysely";
import type { Incident } from "../../domain/incident/model.js";
import { stepCounts } from "../../domain/metrics.js";
import { durationColumns } from "../incident-metrics.sql.js";

/**
 * Costs that do not grow with history (issue 19, docs/performance.md "Scale").
 *
 * - The response metrics' inputs kept on the incident row: its five durations (bigint: a month is
 *   more milliseconds than a 32-bit integer holds) and its judged required steps, rewritten with
 *   every change of the incident (store/incident-metrics.sql.ts), so metrics are one aggregate
 *   query over incidents instead of every incident and task read into memory. Existing rows are
 *   filled in here with the same domain functions.
 * - `incidents_declared`: the incident list is newest first by (declared_at, human_id); without
 *   it every page sorted the whole table.
 * - `tasks_follow_up`: overdue follow-up tasks (counted by metrics, listed with action items) were
 *   found by reading every task of every incident; open follow-ups by due time are a range.
 */
const DURATIONS = ["mttd_ms", "mtta_ms", "mttc_ms", "mttr_ms", "time_to_close_ms"] as const;
const STEPS = ["steps_on_time", "steps_late", "steps_skipped", "steps_not_done"] as const;
const BATCH = 500;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of DURATIONS)
    await db.schema.alterTable("incidents").addColumn(column, "bigint").execute();
  for (const column of STEPS)
    await db.schema
      .alterTable("incidents")
      .addColumn(column, "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  await db.schema
    .createIndex("incidents_declared")
    .on("incidents")
    .columns(["declared_at", "human_id"])
    .execute();
  await db.schema
    .createIndex("tasks_follow_up")
    .on("tasks")
    .columns(["follow_up", "status", "due_at"])
    .execute();
  await backfill(db);
}

/** Fills the new columns of the incidents that exist, a batch at a time in id order. */
async function backfill(db: Kysely<unknown>): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: the schema as of this migration, not today's
  const k = db as Kysely<any>;
  let after = "";
  for (;;) {
    const rows: Record<string, string | null>[] = await k
      .selectFrom("incidents")
      .selectAll()
      .where("id", ">", after)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    const tasks = await k
      .selectFrom("tasks")
      .select(["incident_id", "phase", "step_id", "required", "status", "due_at", "completed_at"])
      .where(
        "incident_id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
    for (const r of rows) {
      const times = r as unknown as Incident["times"];
      const steps = stepCounts(
        tasks
          .filter((t) => t.incident_id === r.id)
          .map((t) => ({ ...t, required: Boolean(Number(t.required)) })),
        r.phase as string,
      );
      await k
        .updateTable("incidents")
        .set({
          ...durationColumns({ times } as Incident),
          steps_on_time: steps.on_time,
          steps_late: steps.late,
          steps_skipped: steps.skipped,
          steps_not_done: steps.not_done,
        })
        .where("id", "=", r.id)
        .execute();
    }
    after = rows.at(-1)?.id as string;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("tasks_follow_up").execute();
  await db.schema.dropIndex("incidents_declared").execute();
  for (const column of [...STEPS, ...DURATIONS])
    await db.schema.alterTable("incidents").dropColumn(column).execute();
}
