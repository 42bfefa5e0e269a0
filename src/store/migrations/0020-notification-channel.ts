import type { Kysely } from "kysely";

/**
 * How a regulatory notification was sent (portal, email, phone, letter, other), kept beside its
 * reference number so that the record shows where to look for the filing. Null on notifications
 * recorded before this column.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("clock_notifications").addColumn("channel", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("clock_notifications").dropColumn("channel").execute();
}
