import type { Actor } from "../domain/actor.js";
import type { IncidentPhase, TaskPhase } from "../domain/incident/phase.js";
import type { TaskStatus } from "../domain/incident/task.js";
import type { ChainedContent } from "../domain/incident/timeline-chain.js";

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

export interface TimelineEntry {
  seq: number;
  recorded_at: string;
  /** When it happened, if a person backdated it (a discovery made earlier). */
  occurred_at: string | null;
  actor: Actor;
  kind: string;
  payload: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** An entry to append; the store gives it its place in the chain. */
export interface NewTimelineEntry {
  kind: string;
  actor: Actor;
  payload: Record<string, unknown>;
  occurred_at?: string | null;
}

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

/**
 * Everything one use-case call changes on one incident, written all or nothing. The incident's
 * new state replaces the stored one only if the stored version is still `expectedVersion`.
 */
export interface IncidentChange {
  incident: Incident;
  expectedVersion: number;
  insertTasks?: Task[];
  updateTasks?: Task[];
  insertRoles?: RoleAssignment[];
  endRoles?: { id: string; ended_at: string }[];
  insertEvidence?: Evidence[];
  updateEvidence?: Evidence[];
  insertCustody?: CustodyTransfer[];
  insertIndicators?: Indicator[];
  upsertAssets?: Asset[];
  timeline: NewTimelineEntry[];
}

export interface IncidentFilter {
  phase?: IncidentPhase[];
  severity?: string[];
  type?: string[];
  /** Include exercises (excluded unless asked for). */
  exercise?: boolean;
  /** Only incidents not yet ended. */
  open?: boolean;
  q?: string;
  /**
   * Restricted incidents only where this person participates (auth/incident-visibility.ts);
   * absent: every incident (admins, the system).
   */
  visibleTo?: string;
}

/** What the incident use cases need from storage. */
export interface IncidentStore {
  /** Next human id for a prefix and year: INC-2026-0042. */
  nextHumanId(prefix: string, year: number): Promise<string>;
  create(
    incident: Incident,
    tasks: Task[],
    timeline: NewTimelineEntry[],
    roles: RoleAssignment[],
  ): Promise<void>;
  /** By id or human id. */
  get(ref: string): Promise<Incident | undefined>;
  list(
    filter: IncidentFilter,
    limit: number,
    cursor?: string,
  ): Promise<{ items: Incident[]; next_cursor: string | null }>;
  tasks(incidentId: string): Promise<Task[]>;
  timeline(incidentId: string, afterSeq?: number): Promise<TimelineEntry[]>;
  /** The timeline exactly as stored, for verifying its hash chain. */
  timelineRows(
    incidentId: string,
  ): Promise<(ChainedContent & { prev_hash: string; hash: string })[]>;
  /**
   * The chain's end as the incident row keeps it (moved by every append, in its transaction):
   * comparing it with the chain's last entry shows a removed tail.
   */
  timelineHead(incidentId: string): Promise<{ hash: string; entries: number }>;
  roles(incidentId: string): Promise<RoleAssignment[]>;
  evidence(incidentId: string): Promise<Evidence[]>;
  custody(evidenceId: string): Promise<CustodyTransfer[]>;
  indicators(incidentId: string): Promise<Indicator[]>;
  assets(incidentId: string): Promise<Asset[]>;
  /** The restricted incidents this person does not take part in (auth/incident-visibility.ts). */
  hiddenFrom(person: string): Promise<{ id: string; human_id: string }[]>;
  /** Whether the person takes part in the incident, or it is unrestricted (the SQL rule). */
  isVisibleTo(incidentId: string, person: string): Promise<boolean>;
  /** People made participants without a role (paged for it). */
  members(incidentId: string): Promise<IncidentMember[]>;
  /** Adds participants; a person who already is one is left as they are. */
  addMembers(members: IncidentMember[]): Promise<void>;
  /** Applies a change; false when the incident's version moved on (nothing written). */
  commit(change: IncidentChange): Promise<boolean>;
  /**
   * Runs read → compute → write on one incident while holding its lock, so concurrent changes
   * (from this process or another node on the same database) queue instead of colliding. `fn`
   * gets undefined when there is no such incident.
   */
  withLock<T>(ref: string, fn: (locked: LockedIncident | undefined) => Promise<T>): Promise<T>;
}

/** One incident as read under its lock, and the write that keeps the lock's promise. */
export interface LockedIncident {
  incident: Incident;
  tasks: Task[];
  /**
   * Writes the change in the lock's transaction; false only when another process changed the
   * incident without the lock (SQLite's local-mode CLI beside a server), and then nothing is written.
   */
  commit(change: IncidentChange): Promise<boolean>;
}
