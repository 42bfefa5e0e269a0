import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("incident_id", "text")
    .addColumn("incident_ref", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("channel_id", "text")
    .addColumn("channel_kind", "text", (c) => c.notNull())
    .addColumn("channel_target", "text", (c) => c.notNull())
    .addColumn("recipient", "text")
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("body_html", "text")
    .addColumn("body_markdown", "text")
    .addColumn("severity", "text")
    .addColumn("phase", "text")
    .addColumn("links", "text", (c) => c.notNull())
    .addColumn("labels", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema
    .createIndex("notifications_incident")
    .on("notifications")
    .columns(["incident_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("notifications_status")
    .on("notifications")
    .columns(["status", "created_at"])
    .execute();
  await db.schema
    .createTable("notification_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("notification_id", "text", (c) =>
      c.notNull().references("notifications.id").onDelete("cascade"),
    )
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("http_status", "integer")
    .addColumn("detail", "text")
    .addColumn("duration_ms", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("notification_attempts_notification")
    .on("notification_attempts")
    .columns(["notification_id", "attempt"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("notification_attempts").execute();
  await db.schema.dropTable("notifications").execute();
}
