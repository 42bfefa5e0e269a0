import type { Kysely } from "kysely";
import { table } from "./table.js";

/**
 * Post-incident work: root-cause analyses, action items, lessons-learned reviews, and reports
 * stored as versions with their hash. Tree-shaped and list-shaped parts (causes, proposals) are
 * JSON text: they are read and written whole, with the row's version guarding concurrent edits.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await table(db, "rcas", {
    id: "text",
    human_id: "text",
    title: "text",
    incident_id: "text?",
    problem_id: "text?",
    scope: "text",
    causes: "text",
    root_cause_id: "text?",
    solution: "text?",
    status: "text",
    search_text: "text",
    created_at: "text",
    created_by: "text",
    updated_at: "text",
    version: "integer",
  })
    .addPrimaryKeyConstraint("rcas_pk", ["id"])
    .addUniqueConstraint("rcas_human_id", ["human_id"])
    .execute();
  await db.schema.createIndex("rcas_incident").on("rcas").column("incident_id").execute();
  await db.schema.createIndex("rcas_problem").on("rcas").column("problem_id").execute();

  await table(db, "action_items", {
    id: "text",
    human_id: "text",
    title: "text",
    description: "text",
    incident_id: "text?",
    problem_id: "text?",
    rca_id: "text?",
    owner: "text",
    due_at: "text",
    status: "text",
    verification: "text?",
    verified_by: "text?",
    cancel_reason: "text?",
    created_at: "text",
    created_by: "text",
    updated_at: "text",
    completed_at: "text?",
    version: "integer",
  })
    .addPrimaryKeyConstraint("action_items_pk", ["id"])
    .addUniqueConstraint("action_items_human_id", ["human_id"])
    .execute();
  // Overdue lists read open items by due date; per-incident lists by incident.
  await db.schema
    .createIndex("action_items_status_due")
    .on("action_items")
    .columns(["status", "due_at"])
    .execute();
  await db.schema
    .createIndex("action_items_incident")
    .on("action_items")
    .column("incident_id")
    .execute();

  await table(db, "lessons", {
    id: "text",
    incident_id: "text",
    what_happened: "text",
    went_well: "text",
    went_poorly: "text",
    learned: "text",
    proposals: "text",
    targets: "text",
    search_text: "text",
    created_at: "text",
    created_by: "text",
    updated_at: "text",
    updated_by: "text",
    version: "integer",
  })
    .addPrimaryKeyConstraint("lessons_pk", ["id"])
    .addUniqueConstraint("lessons_incident", ["incident_id"])
    .execute();

  await table(db, "reports", {
    id: "text",
    incident_id: "text",
    kind: "text",
    format: "text",
    version: "integer",
    title: "text",
    media_type: "text",
    sha256: "text",
    size: "integer",
    encoding: "text",
    content: "text",
    incident_version: "integer",
    created_at: "text",
    created_by: "text",
  })
    .addPrimaryKeyConstraint("reports_pk", ["id"])
    // Two reports rendered at once cannot both become version n: the second insert fails and retries.
    .addUniqueConstraint("reports_version", ["incident_id", "kind", "format", "version"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["reports", "lessons", "action_items", "rcas"])
    await db.schema.dropTable(t).execute();
}
