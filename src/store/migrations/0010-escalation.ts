import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("escalations")
    .addColumn("incident_id", "text", (c) => c.primaryKey().references("incidents.id"))
    .addColumn("run", "integer", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("round", "integer", (c) => c.notNull())
    .addColumn("step", "integer", (c) => c.notNull())
    .addColumn("last_paged_at", "text")
    .addColumn("next_round", "integer")
    .addColumn("next_step", "integer")
    .addColumn("next_at", "text")
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("escalations_status")
    .on("escalations")
    .columns(["status", "next_at"])
    .execute();
  await db.schema
    .createTable("ack_nonces")
    .addColumn("nonce", "text", (c) => c.primaryKey())
    .addColumn("incident_id", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("used_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("server_secrets")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("server_secrets").execute();
  await db.schema.dropTable("ack_nonces").execute();
  await db.schema.dropTable("escalations").execute();
}
