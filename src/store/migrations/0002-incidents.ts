import type { Kysely } from "kysely";
import { table } from "./table.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await table(db, "counters", { name: "text", value: "integer" })
    .addPrimaryKeyConstraint("counters_pk", ["name"])
    .execute();

  await table(db, "incidents", {
    id: "text",
    human_id: "text",
    title: "text",
    description: "text",
    type: "text",
    severity: "text",
    phase: "text",
    commander: "text?",
    attributes: "text",
    source_alerts: "text",
    plan_id: "text",
    plan_version: "integer",
    procedure_id: "text",
    procedure_version: "integer",
    restricted: "integer",
    exercise: "integer",
    merged_into: "text?",
    end_reason: "text?",
    reopen_phase: "text?",
    first_activity_at: "text?",
    detected_at: "text",
    reported_at: "text",
    acknowledged_at: "text?",
    declared_at: "text",
    classified_at: "text?",
    determined_at: "text?",
    contained_at: "text?",
    eradicated_at: "text?",
    recovered_at: "text?",
    remediation_opened_at: "text?",
    closed_at: "text?",
    created_by: "text",
    updated_at: "text",
    version: "integer",
  })
    .addPrimaryKeyConstraint("incidents_pk", ["id"])
    .addUniqueConstraint("incidents_human_id", ["human_id"])
    .execute();
  await db.schema
    .createIndex("incidents_phase")
    .on("incidents")
    .columns(["phase", "declared_at"])
    .execute();

  await table(db, "tasks", {
    id: "text",
    incident_id: "text",
    phase: "text",
    step_id: "text?",
    procedure_id: "text?",
    procedure_version: "integer?",
    title: "text",
    role: "text?",
    instructions: "text",
    required: "integer",
    reporting: "integer",
    evidence_expected: "text",
    due_at: "text?",
    status: "text",
    assignee: "text?",
    skip_reason: "text?",
    follow_up: "integer",
    notes: "text",
    evidence_ids: "text",
    position: "integer",
    created_at: "text",
    updated_at: "text",
    completed_at: "text?",
    completed_by: "text?",
  })
    .addPrimaryKeyConstraint("tasks_pk", ["id"])
    .addForeignKeyConstraint("tasks_incident", ["incident_id"], "incidents", ["id"])
    .execute();
  await db.schema
    .createIndex("tasks_incident")
    .on("tasks")
    .columns(["incident_id", "phase", "position"])
    .execute();

  await table(db, "timeline", {
    incident_id: "text",
    seq: "integer",
    recorded_at: "text",
    occurred_at: "text?",
    actor: "text",
    kind: "text",
    payload: "text",
    prev_hash: "text",
    hash: "text",
  })
    .addPrimaryKeyConstraint("timeline_pk", ["incident_id", "seq"])
    .addForeignKeyConstraint("timeline_incident", ["incident_id"], "incidents", ["id"])
    .execute();

  await table(db, "role_assignments", {
    id: "text",
    incident_id: "text",
    role: "text",
    person: "text",
    assigned_at: "text",
    assigned_by: "text",
    ended_at: "text?",
  })
    .addPrimaryKeyConstraint("role_assignments_pk", ["id"])
    .addForeignKeyConstraint("role_assignments_incident", ["incident_id"], "incidents", ["id"])
    .execute();

  await table(db, "evidence", {
    id: "text",
    incident_id: "text",
    name: "text",
    description: "text",
    sha256: "text",
    size: "integer",
    location: "text",
    acquired_by: "text",
    acquired_at: "text",
    custodian: "text",
    created_at: "text",
  })
    .addPrimaryKeyConstraint("evidence_pk", ["id"])
    .addForeignKeyConstraint("evidence_incident", ["incident_id"], "incidents", ["id"])
    .execute();

  await table(db, "custody_transfers", {
    id: "text",
    evidence_id: "text",
    from_custodian: "text",
    to_custodian: "text",
    at: "text",
    reason: "text",
  })
    .addPrimaryKeyConstraint("custody_transfers_pk", ["id"])
    .addForeignKeyConstraint("custody_evidence", ["evidence_id"], "evidence", ["id"])
    .execute();

  await table(db, "indicators", {
    id: "text",
    incident_id: "text",
    type: "text",
    value: "text",
    description: "text",
    created_at: "text",
    created_by: "text",
  })
    .addPrimaryKeyConstraint("indicators_pk", ["id"])
    .addUniqueConstraint("indicators_unique", ["incident_id", "type", "value"])
    .addForeignKeyConstraint("indicators_incident", ["incident_id"], "incidents", ["id"])
    .execute();
  await db.schema
    .createIndex("indicators_value")
    .on("indicators")
    .columns(["type", "value"])
    .execute();

  await table(db, "assets", {
    id: "text",
    incident_id: "text",
    name: "text",
    kind: "text",
    status: "text",
    updated_at: "text",
  })
    .addPrimaryKeyConstraint("assets_pk", ["id"])
    .addUniqueConstraint("assets_unique", ["incident_id", "name"])
    .addForeignKeyConstraint("assets_incident", ["incident_id"], "incidents", ["id"])
    .execute();

  await table(db, "problems", {
    id: "text",
    human_id: "text",
    title: "text",
    state: "text",
    cause: "text?",
    workaround: "text?",
    fix: "text?",
    verified_by: "text?",
    opened_at: "text",
    known_error_at: "text?",
    resolved_at: "text?",
    updated_at: "text",
    version: "integer",
  })
    .addPrimaryKeyConstraint("problems_pk", ["id"])
    .addUniqueConstraint("problems_human_id", ["human_id"])
    .execute();

  await table(db, "problem_incidents", {
    problem_id: "text",
    incident_id: "text",
    linked_at: "text",
  })
    .addPrimaryKeyConstraint("problem_incidents_pk", ["problem_id", "incident_id"])
    .addForeignKeyConstraint("problem_incidents_problem", ["problem_id"], "problems", ["id"])
    .addForeignKeyConstraint("problem_incidents_incident", ["incident_id"], "incidents", ["id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "problem_incidents",
    "problems",
    "assets",
    "indicators",
    "custody_transfers",
    "evidence",
    "role_assignments",
    "timeline",
    "tasks",
    "incidents",
    "counters",
  ])
    await db.schema.dropTable(t).execute();
}
