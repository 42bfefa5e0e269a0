import type { Actor } from "../domain/actor.js";
import type { Incident, Task, TimelineEntry } from "../domain/incident/model.js";
import type { IncidentPhase, TaskPhase } from "../domain/incident/phase.js";
import type { TaskStatus } from "../domain/incident/task.js";
import type { IncidentsTable, TasksTable, TimelineTable } from "./tables/incidents.js";

/** Row ↔ model mapping for incidents, tasks and timeline entries (JSON and 0/1 columns). */
export function incidentFromRow(r: IncidentsTable): Incident {
  return {
    id: r.id,
    human_id: r.human_id,
    title: r.title,
    description: r.description,
    type: r.type,
    severity: r.severity,
    phase: r.phase as IncidentPhase,
    commander: r.commander,
    attributes: JSON.parse(r.attributes),
    source_alerts: JSON.parse(r.source_alerts),
    plan_id: r.plan_id,
    plan_version: Number(r.plan_version),
    procedure_id: r.procedure_id,
    procedure_version: Number(r.procedure_version),
    restricted: Boolean(r.restricted),
    exercise: Boolean(r.exercise),
    merged_into: r.merged_into,
    end_reason: r.end_reason,
    reopen_phase: r.reopen_phase as IncidentPhase | null,
    times: {
      first_activity_at: r.first_activity_at,
      detected_at: r.detected_at,
      reported_at: r.reported_at,
      acknowledged_at: r.acknowledged_at,
      declared_at: r.declared_at,
      classified_at: r.classified_at,
      determined_at: r.determined_at,
      contained_at: r.contained_at,
      eradicated_at: r.eradicated_at,
      recovered_at: r.recovered_at,
      remediation_opened_at: r.remediation_opened_at,
      closed_at: r.closed_at,
    },
    created_by: r.created_by,
    updated_at: r.updated_at,
    version: Number(r.version),
  };
}

export function incidentToRow(i: Incident): IncidentsTable {
  return {
    id: i.id,
    human_id: i.human_id,
    title: i.title,
    description: i.description,
    type: i.type,
    severity: i.severity,
    phase: i.phase,
    commander: i.commander,
    attributes: JSON.stringify(i.attributes),
    source_alerts: JSON.stringify(i.source_alerts),
    plan_id: i.plan_id,
    plan_version: i.plan_version,
    procedure_id: i.procedure_id,
    procedure_version: i.procedure_version,
    restricted: i.restricted ? 1 : 0,
    exercise: i.exercise ? 1 : 0,
    merged_into: i.merged_into,
    end_reason: i.end_reason,
    reopen_phase: i.reopen_phase,
    ...i.times,
    created_by: i.created_by,
    updated_at: i.updated_at,
    version: i.version,
  };
}

export function taskFromRow(r: TasksTable): Task {
  return {
    ...r,
    phase: r.phase as TaskPhase,
    status: r.status as TaskStatus,
    procedure_version: r.procedure_version === null ? null : Number(r.procedure_version),
    required: Boolean(r.required),
    reporting: Boolean(r.reporting),
    follow_up: Boolean(r.follow_up),
    evidence_expected: JSON.parse(r.evidence_expected),
    notes: JSON.parse(r.notes),
    evidence_ids: JSON.parse(r.evidence_ids),
    position: Number(r.position),
  };
}

export function taskToRow(t: Task): TasksTable {
  return {
    ...t,
    required: t.required ? 1 : 0,
    reporting: t.reporting ? 1 : 0,
    follow_up: t.follow_up ? 1 : 0,
    evidence_expected: JSON.stringify(t.evidence_expected),
    notes: JSON.stringify(t.notes),
    evidence_ids: JSON.stringify(t.evidence_ids),
  };
}

/** An entry as it was written: not checked against today's schemas (see `timeline-kinds.ts`). */
export function entryFromRow(r: TimelineTable): TimelineEntry {
  return {
    seq: Number(r.seq),
    recorded_at: r.recorded_at,
    occurred_at: r.occurred_at,
    actor: JSON.parse(r.actor) as Actor,
    kind: r.kind,
    payload: JSON.parse(r.payload),
    prev_hash: r.prev_hash,
    hash: r.hash,
  } as TimelineEntry;
}
