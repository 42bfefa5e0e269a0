import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("locked_by", "text")
    .addColumn("locked_until", "text")
    .addColumn("dedup_key", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  // What every poll asks: pending jobs by due time, running jobs by lease expiry.
  await db.schema.createIndex("jobs_status_due").on("jobs").columns(["status", "due_at"]).execute();
  // Partial unique index: one live (pending or running) job per key, any number of finished
  // ones. Running counts as live because a failed attempt turns it back into pending.
  await db.schema
    .createIndex("jobs_dedup_live")
    .on("jobs")
    .column("dedup_key")
    .unique()
    .where(sql.ref("status"), "in", ["pending", "running"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("jobs").execute();
}
