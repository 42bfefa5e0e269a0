import { type Kysely, sql } from "kysely";

/**
 * The response metrics' two aggregates (store/incident-metrics.sql.ts), each over an index of
 * its own incidents: `counted` over the counted ones, `excluded` over those left out (exercises,
 * declined and merged incidents). The count of those left out walked every incident to keep
 * about one in twenty (index incidents_metrics on SQLite, 24 ms at 100,000 incidents; the whole
 * table on PostgreSQL, 100 ms). Both indexes are partial, on conditions written as the queries
 * write theirs (an index serves only a query whose WHERE holds its condition), so neither query
 * can take the other's: SQLite, without statistics, took the first of two covering indexes.
 * The columns are those of 0034's incidents_metrics, which this one replaces.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("incidents_metrics").execute();
  await sql`create index incidents_metrics on incidents (substr(declared_at, 1, 7), severity, type,
    exercise, phase, restricted, commander, created_by, id, declared_at,
    mttd_ms, mtta_ms, mttc_ms, mttr_ms, time_to_close_ms,
    steps_on_time, steps_late, steps_skipped, steps_not_done)
    where (exercise = 0 and phase not in ('declined', 'merged'))`.execute(db);
  await sql`create index incidents_left_out on incidents (substr(declared_at, 1, 7), severity,
    type, exercise, phase, restricted, commander, created_by, id, declared_at)
    where not (exercise = 0 and phase not in ('declined', 'merged'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("incidents_left_out").execute();
  await db.schema.dropIndex("incidents_metrics").execute();
  await sql`create index incidents_metrics on incidents (substr(declared_at, 1, 7), severity, type,
    exercise, phase, restricted, commander, created_by, id, declared_at,
    mttd_ms, mtta_ms, mttc_ms, mttr_ms, time_to_close_ms,
    steps_on_time, steps_late, steps_skipped, steps_not_done)`.execute(db);
}
