import type { Kysely } from "kysely";

/**
 * Each user's display time zone (an IANA name): the web shows every time in it. Null means the
 * organisation's (the plan in force's `organisation.time_zone`, else UTC), so existing users see
 * what the organisation chose until they choose otherwise.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("users").addColumn("time_zone", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("time_zone").execute();
}
