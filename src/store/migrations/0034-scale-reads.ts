import { type Kysely, sql } from "kysely";

/**
 * Reads that grew with history at 100,000 incidents (issue 19, bench/scale.ts).
 *
 * - `role_assignments_incident`: the restricted-incident rule (store/visibility.sql.ts) asks,
 *   for every restricted incident a list or aggregate meets, whether the person holds a role on
 *   it. Without an index on the incident that was a pass over every role ever assigned, once per
 *   restricted incident: quadratic in history. It also serves an incident's own role list.
 * - `incidents_metrics`: the response metrics (store/incident-metrics.sql.ts) are one aggregate
 *   grouped by declaration month, severity and type over every incident in the period. This index
 *   is in that order — the month as the very expression the query groups by, and bounds on it
 *   make a period a range — and holds every other column the aggregate and the visibility rule
 *   read, so the aggregate is one walk of a range of the index, group after group: no table row
 *   visited (titles, descriptions and attributes made that a pass over most of the database file)
 *   and no sort (at 100,000 incidents SQLite sorted every counted row's columns into a temporary
 *   B-tree for the GROUP BY). `declared_at` itself is in it for the period's exact bounds.
 * - `tasks_unfinished`: the dashboard's overdue and assigned tasks are the unfinished tasks of the
 *   open incidents. PostgreSQL read every task ever created for them (2.6 s at 1.6 million
 *   tasks: a sequential scan hashed against the open incidents); with the unfinished ones indexed
 *   by incident and due time it looks up each open incident's few, already due-bounded.
 *   `tasks_unfinished_assignee`: a person's own unfinished tasks are found from the person, not
 *   by looking through every open incident's (5,000 of them in bench/scale.ts: 60 ms of CPU).
 * - `timeline_newest` replaces 0029's `timeline_recorded` (recorded_at alone, a prefix of it):
 *   the dashboard's latest activity is newest first by (recorded_at, seq), and only an index in
 *   that whole order lets SQLite walk it and stop at the twelfth entry of an open incident;
 *   otherwise it read every open incident's whole timeline and sorted it (70 ms of CPU with 5,000
 *   open incidents, against 0.4 ms).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("role_assignments_incident")
    .on("role_assignments")
    .columns(["incident_id", "person"])
    .execute();
  // Raw: an expression among columns, written as incident-metrics.sql.ts groups by it (both
  // databases match an index expression to the query's by its form; the metrics test checks
  // SQLite's plan walks this index without a sort).
  await sql`create index incidents_metrics on incidents (substr(declared_at, 1, 7), severity, type,
    exercise, phase, restricted, commander, created_by, id, declared_at,
    mttd_ms, mtta_ms, mttc_ms, mttr_ms, time_to_close_ms,
    steps_on_time, steps_late, steps_skipped, steps_not_done)`.execute(db);
  // The condition written as store/dashboard.repo.ts writes it (a partial index is used only for
  // a query whose WHERE holds its condition).
  await sql`create index tasks_unfinished on tasks (incident_id, due_at)
    where status not in ('done', 'skipped')`.execute(db);
  await sql`create index tasks_unfinished_assignee on tasks (assignee, due_at)
    where status not in ('done', 'skipped')`.execute(db);
  await db.schema
    .createIndex("timeline_newest")
    .on("timeline")
    .columns(["recorded_at", "seq"])
    .execute();
  await db.schema.dropIndex("timeline_recorded").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("timeline_recorded").on("timeline").column("recorded_at").execute();
  await db.schema.dropIndex("timeline_newest").execute();
  await db.schema.dropIndex("tasks_unfinished_assignee").execute();
  await db.schema.dropIndex("tasks_unfinished").execute();
  await db.schema.dropIndex("incidents_metrics").execute();
  await db.schema.dropIndex("role_assignments_incident").execute();
}
