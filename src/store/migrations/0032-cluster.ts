import type { Kysely } from "kysely";
import { table } from "./table.js";

/**
 * Correlation windows shared by the nodes of one PostgreSQL database: one row per correlation
 * rule and group (the hash of its group-by values), holding that group's window as JSON, changed
 * under the row's lock (store/cluster.repo.ts). SQLite keeps its windows in memory (one process);
 * the table exists there too, unused, so that both schemas stay the same.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await table(db, "correlation_windows", {
    correlation_id: "text",
    group_key: "text",
    state: "text?",
    updated_at: "text",
  })
    .addPrimaryKeyConstraint("correlation_windows_pk", ["correlation_id", "group_key"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("correlation_windows").execute();
}
