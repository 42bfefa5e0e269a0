import type { Kysely } from "kysely";

/**
 * The journal of deferred alert repeats (store/alert-repeats.ts): a batch of events writes its
 * repeats of settled alerts here, in its own transaction, and a flush counts them into the alerts
 * many batches at once. Rows live about a second; a flush takes them oldest first by id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("alert_repeats")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("written_at", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .execute();
}

/** Repeats still journaled are lost: a server stopped cleanly has counted them all. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("alert_repeats").execute();
}
