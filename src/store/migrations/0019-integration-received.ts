import type { Kysely } from "kysely";

/**
 * When each integration's sender last got through with its key, so that the administration page
 * shows whether a monitor is actually connected. Null until the first request arrives.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("integrations").addColumn("last_received_at", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("integrations").dropColumn("last_received_at").execute();
}
