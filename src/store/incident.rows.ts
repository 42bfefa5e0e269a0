import type { Actor } from "../domain/actor.js";
import {
  INCIDENT_KEYS,
  INCIDENT_TIME_KEYS,
  type Incident,
  type Task,
  type TimelineEntry,
} from "../domain/incident/model.js";
import type { TaskPhase } from "../domain/incident/phase.js";
import type { TaskStatus } from "../domain/incident/task.js";
import type { IncidentsTable, TasksTable, TimelineTable } from "./tables/incidents.js";

/** Row ↔ model mapping for incidents, tasks and timeline entries (JSON and 0/1 columns). */

const INCIDENT_JSON = ["attributes", "source_alerts"] as const;
const INCIDENT_FLAGS = ["restricted", "exercise"] as const;
/** Integer columns: PostgreSQL's driver may answer them as text. */
const INCIDENT_NUMBERS = ["plan_version", "procedure_version", "version"] as const;

/**
 * The incident from its row: every column of the model is copied, the times gathered into
 * `times`, JSON and 0/1 columns decoded. Columns that are not the model's (the timeline head)
 * stay behind.
 */
export function incidentFromRow(r: IncidentsTable): Incident {
  const incident: Record<string, unknown> = {};
  for (const key of INCIDENT_KEYS) incident[key] = r[key];
  for (const key of INCIDENT_JSON) incident[key] = JSON.parse(r[key]);
  for (const key of INCIDENT_FLAGS) incident[key] = Boolean(r[key]);
  for (const key of INCIDENT_NUMBERS) incident[key] = Number(r[key]);
  incident.times = Object.fromEntries(INCIDENT_TIME_KEYS.map((key) => [key, r[key]]));
  return incident as Incident;
}

/** The row of an incident: the model with its times flattened, JSON and 0/1 encoded. */
export function incidentToRow(i: Incident): IncidentsTable {
  const { times, ...fields } = i;
  return {
    ...fields,
    ...times,
    attributes: JSON.stringify(i.attributes),
    source_alerts: JSON.stringify(i.source_alerts),
    restricted: i.restricted ? 1 : 0,
    exercise: i.exercise ? 1 : 0,
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
