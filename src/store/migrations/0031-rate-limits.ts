import type { Kysely } from "kysely";
import { table } from "./table.js";

/**
 * The ingestion rate limit's counters on PostgreSQL, shared by every node of a cluster
 * (server/rate-limit-store.pg.ts): one row per key (an ingestion token or integration key) and
 * minute since 1970 (the window), incremented by one upsert per request; rows of ended minutes
 * are deleted as the next minute starts. SQLite keeps its counters in memory (one process), so
 * the table stays empty there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await table(db, "rate_limit_counters", { key: "text", minute: "integer", count: "integer" })
    .addPrimaryKeyConstraint("rate_limit_counters_pk", ["key", "minute"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("rate_limit_counters").execute();
}
