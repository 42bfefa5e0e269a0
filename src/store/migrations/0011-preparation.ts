import type { Kysely } from "kysely";

/** Preparation: completions, plan reviews and sign-offs, readiness snapshots, exercise runs. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("preparation_completions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("activity_id", "text", (c) => c.notNull())
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("plan_version", "integer", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("completed_at", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("completed_by", "text", (c) => c.notNull())
    .addColumn("evidence", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull())
    .addColumn("result", "text")
    .execute();
  await db.schema
    .createIndex("preparation_completions_activity")
    .on("preparation_completions")
    .columns(["activity_id", "completed_at"])
    .execute();

  await db.schema
    .createTable("plan_reviews")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("submitted_by", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .execute();
  await db.schema
    .createIndex("plan_reviews_version")
    .on("plan_reviews")
    .columns(["plan_id", "version", "submitted_at"])
    .execute();
  await db.schema
    .createTable("plan_signoffs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("review_id", "text", (c) => c.notNull().references("plan_reviews.id"))
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("person", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("comment", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .execute();
  // One decision per person per round: a second click cannot sign twice.
  await db.schema
    .createIndex("plan_signoffs_person")
    .on("plan_signoffs")
    .columns(["review_id", "person"])
    .unique()
    .execute();

  await db.schema
    .createTable("readiness_snapshots")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("taken_at", "text", (c) => c.notNull())
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("plan_version", "integer", (c) => c.notNull())
    .addColumn("breakdown", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("readiness_snapshots_taken")
    .on("readiness_snapshots")
    .column("taken_at")
    .execute();

  await db.schema
    .createTable("exercise_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("human_id", "text", (c) => c.notNull().unique())
    .addColumn("exercise_id", "text", (c) => c.notNull())
    .addColumn("exercise_version", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("expected_type", "text", (c) => c.notNull())
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("plan_version", "integer", (c) => c.notNull())
    .addColumn("speed", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("started_by", "text", (c) => c.notNull())
    .addColumn("incident_ids", "text", (c) => c.notNull())
    .addColumn("signal_at", "text")
    .addColumn("score", "text")
    .addColumn("action_items", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("exercise_runs_started")
    .on("exercise_runs")
    .column("started_at")
    .execute();
  await db.schema
    .createTable("exercise_run_log")
    .addColumn("run_id", "text", (c) => c.notNull().references("exercise_runs.id"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("exercise_run_log_pk", ["run_id", "seq"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "exercise_run_log",
    "exercise_runs",
    "readiness_snapshots",
    "plan_signoffs",
    "plan_reviews",
    "preparation_completions",
  ])
    await db.schema.dropTable(t).execute();
}
