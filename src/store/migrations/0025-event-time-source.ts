import { type Kysely, sql } from "kysely";

/**
 * Where each event's time comes from: "event" when the event said it, "arrival" when it said no
 * time Firebreak recognises and its arrival time stands in (docs/event-time.md). Events stored
 * before this had a null time in that case; they get their arrival time and the flag now, so
 * that every event has a time and every reader can tell a real one from a stand-in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("events")
    .addColumn("time_source", "text", (c) => c.notNull().defaultTo("event"))
    .execute();
  await sql`update events set time = received_at, time_source = 'arrival' where time is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update events set time = null where time_source = 'arrival'`.execute(db);
  await db.schema.alterTable("events").dropColumn("time_source").execute();
}
