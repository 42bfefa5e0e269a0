import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("clock_notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id"))
    .addColumn("obligation_id", "text", (c) => c.notNull())
    .addColumn("deadline_id", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("reference", "text")
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("clock_notifications_incident")
    .on("clock_notifications")
    .columns(["incident_id", "obligation_id", "sent_at"])
    .execute();
  await db.schema
    .createTable("clock_stops")
    .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id"))
    .addColumn("obligation_id", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("clock_stops_pk", ["incident_id", "obligation_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("clock_stops").execute();
  await db.schema.dropTable("clock_notifications").execute();
}
