import { type Kysely, sql } from "kysely";

/** Events, alerts (with their events), integrations and suppression rules. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("time", "text")
    .addColumn("source", "text")
    .addColumn("integration_id", "text")
    .addColumn("host", "text")
    .addColumn("username", "text")
    .addColumn("source_ip", "text")
    .addColumn("destination_ip", "text")
    .addColumn("process_image", "text")
    .addColumn("process_pid", "text")
    .addColumn("command_line", "text")
    .addColumn("raw", "text", (c) => c.notNull())
    .execute();
  // Retention deletes by arrival. Ids are time-ordered (UUIDv7), so both indexes only grow at
  // their end; an index on host would be written all over on every batch, so there is none:
  // alerts, not raw events, are what people search.
  await db.schema.createIndex("events_received").on("events").column("received_at").execute();

  await db.schema
    .createTable("alerts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("dedup_key", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("rule_id", "text")
    .addColumn("integration_id", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("level", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("first_seen", "text", (c) => c.notNull())
    .addColumn("last_seen", "text", (c) => c.notNull())
    .addColumn("host", "text")
    .addColumn("username", "text")
    .addColumn("source_ip", "text")
    .addColumn("destination_ip", "text")
    .addColumn("entities", "text", (c) => c.notNull())
    .addColumn("tags", "text", (c) => c.notNull())
    .addColumn("incident_id", "text")
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("suppressed_until", "text")
    .addColumn("suppression_id", "text")
    .addColumn("suppression_reason", "text")
    .addColumn("acknowledged_at", "text")
    .addColumn("resolved_at", "text")
    .addColumn("status_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // One live alert per key: repeats update it (INSERT … ON CONFLICT against this partial index),
  // and once it is resolved the next repeat opens a new one.
  await db.schema
    .createIndex("alerts_live_key")
    .on("alerts")
    .columns(["scope", "dedup_key"])
    .unique()
    .where(sql.ref("status"), "<>", "resolved")
    .execute();
  await db.schema
    .createIndex("alerts_last_seen")
    .on("alerts")
    .columns(["last_seen", "id"])
    .execute();
  await db.schema
    .createIndex("alerts_status")
    .on("alerts")
    .columns(["status", "last_seen"])
    .execute();
  await db.schema.createIndex("alerts_incident").on("alerts").column("incident_id").execute();
  for (const column of ["host", "username", "source_ip"])
    await db.schema.createIndex(`alerts_${column}`).on("alerts").column(column).execute();

  await db.schema
    .createTable("alert_events")
    .addColumn("alert_id", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("alert_events_pk", ["alert_id", "event_id"])
    .execute();
  await db.schema.createIndex("alert_events_event").on("alert_events").column("event_id").execute();

  await db.schema
    .createTable("integrations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("key_hint", "text", (c) => c.notNull())
    .addColumn("mapping", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("suppressions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("matcher", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("starts_at", "text")
    .addColumn("expires_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["suppressions", "integrations", "alert_events", "alerts", "events"])
    await db.schema.dropTable(t).execute();
}
