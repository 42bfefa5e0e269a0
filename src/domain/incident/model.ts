/** The incident record and what hangs off it: the model the use cases, the store and the API share. */
import type { Actor } from "../actor.js";
import type { IncidentPhase, TaskPhase } from "./phase.js";
import type { TaskStatus } from "./task.js";
import type { TimelineKind, TimelineUnion } from "./timeline-kinds.js";

/** The moments metrics and clocks are computed from (ISO 8601 UTC text). */
export interface IncidentTimes {
  first_activity_at: string | null;
  /** When the organisation became aware (`--aware-at`): the start of GDPR-style clocks. */
  detected_at: string;
  reported_at: string;
  acknowledged_at: string | null;
  declared_at: string;
  /** Classified as major (DORA). */
  classified_at: string | null;
  /** Materiality determined (SEC 8-K). */
  determined_at: string | null;
  contained_at: string | null;
  eradicated_at: string | null;
  recovered_at: string | null;
  remediation_opened_at: string | null;
  closed_at: string | null;
}

export interface Incident {
  id: string;
  human_id: string;
  title: string;
  description: string;
  type: string;
  severity: string;
  phase: IncidentPhase;
  commander: string | null;
  attributes: Record<string, unknown>;
  source_alerts: string[];
  plan_id: string;
  plan_version: number;
  procedure_id: string;
  procedure_version: number;
  restricted: boolean;
  exercise: boolean;
  merged_into: string | null;
  end_reason: string | null;
  reopen_phase: IncidentPhase | null;
  times: IncidentTimes;
  created_by: string;
  updated_at: string;
  version: number;
}

export interface TaskNote {
  at: string;
  by: string;
  text: string;
}

export interface Task {
  id: string;
  incident_id: string;
  phase: TaskPhase;
  step_id: string | null;
  procedure_id: string | null;
  procedure_version: number | null;
  title: string;
  role: string | null;
  instructions: string;
  required: boolean;
  reporting: boolean;
  evidence_expected: string[];
  due_at: string | null;
  status: TaskStatus;
  assignee: string | null;
  skip_reason: string | null;
  follow_up: boolean;
  notes: TaskNote[];
  evidence_ids: string[];
  position: number;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  completed_by: string | null;
}

/** A stored timeline entry, discriminated by `kind` (`timeline-kinds.ts` lists the kinds). */
export type TimelineEntry<K extends TimelineKind = TimelineKind> = TimelineUnion<
  {
    seq: number;
    recorded_at: string;
    /** When it happened, if a person backdated it (a discovery made earlier). */
    occurred_at: string | null;
    actor: Actor;
    prev_hash: string;
    hash: string;
  },
  K
>;

/** An entry to append; the store gives it its place in the chain. */
export type NewTimelineEntry<K extends TimelineKind = TimelineKind> = TimelineUnion<
  { actor: Actor; occurred_at?: string | null },
  K
>;

export interface RoleAssignment {
  id: string;
  incident_id: string;
  role: string;
  person: string;
  assigned_at: string;
  assigned_by: string;
  ended_at: string | null;
}

/**
 * A participant of an incident by other means than command, declaration or a role: someone an
 * escalation step paged (`reason: "paged"`). Restricted incidents are visible to participants.
 */
export interface IncidentMember {
  incident_id: string;
  person: string;
  reason: string;
  added_at: string;
  added_by: string;
}

export interface Evidence {
  id: string;
  incident_id: string;
  name: string;
  description: string;
  sha256: string;
  size: number;
  location: string;
  acquired_by: string;
  acquired_at: string;
  custodian: string;
  created_at: string;
}

export interface CustodyTransfer {
  id: string;
  evidence_id: string;
  from_custodian: string;
  to_custodian: string;
  at: string;
  reason: string;
}

export interface Indicator {
  id: string;
  incident_id: string;
  type: string;
  value: string;
  description: string;
  created_at: string;
  created_by: string;
}

export interface Asset {
  id: string;
  incident_id: string;
  name: string;
  kind: string;
  status: string;
  updated_at: string;
}
