import { type Kysely, sql } from "kysely";
import { isPostgres } from "./append-only-guard.js";

/**
 * Job lookups that do not grow with history. Cancelling an incident's timers selects pending jobs
 * by dedup-key prefix; with `substr(dedup_key, …) = prefix` that was a scan of every job ever
 * scheduled, several times per declaration. The prefix is now a range (`>= prefix and <
 * successor`) over `(status, dedup_key)`. On PostgreSQL the key is compared and indexed in the
 * "C" collation, where text order is code point order and so a range is exactly a prefix (a
 * linguistic collation such as en_US would order `a:b` and `a-b` by other rules).
 *
 * Finished jobs are pruned after `FIREBREAK_JOB_RETENTION`; `jobs_finished` finds them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db))
    await sql`create index jobs_status_dedup on jobs (status, (dedup_key collate "C"))`.execute(db);
  else
    await db.schema
      .createIndex("jobs_status_dedup")
      .on("jobs")
      .columns(["status", "dedup_key"])
      .execute();
  await db.schema.createIndex("jobs_finished").on("jobs").column("finished_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("jobs_finished").execute();
  await db.schema.dropIndex("jobs_status_dedup").execute();
}
