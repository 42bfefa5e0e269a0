import type { IncidentVisibility } from "../auth/incident-visibility.js";
import type {
  Asset,
  CustodyTransfer,
  Evidence,
  Incident,
  IncidentMember,
  Indicator,
  NewTimelineEntry,
  RoleAssignment,
  Task,
  TimelineEntry,
} from "../domain/incident/model.js";
import type { IncidentPhase } from "../domain/incident/phase.js";
import type { ChainedContent } from "../domain/incident/timeline-chain.js";
import type { MetricCell, MetricScope } from "../domain/metrics.js";

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
  /** A merge: what moves to the surviving incident and its change, in this change's transaction. */
  merge?: MergeMove;
}

/**
 * The records a merge moves from the merged incident to the surviving one (all its alerts, and
 * the evidence, indicators and assets named by id), and the surviving incident's own change. If
 * the surviving incident's version moved on meanwhile, nothing of either change is written.
 */
export interface MergeMove {
  into: IncidentChange;
  evidence: string[];
  indicators: string[];
  assets: string[];
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

/**
 * What the incident use cases need from storage. Reading one incident (`get`) and who may see
 * it are declared by the visibility policy that reads them (`IncidentVisibility`).
 */
export interface IncidentStore extends IncidentVisibility {
  /** Next human id for a prefix and year: INC-2026-0042. */
  nextHumanId(prefix: string, year: number): Promise<string>;
  create(
    incident: Incident,
    tasks: Task[],
    timeline: NewTimelineEntry[],
    roles: RoleAssignment[],
  ): Promise<void>;
  list(
    filter: IncidentFilter,
    limit: number,
    cursor?: string,
  ): Promise<{ items: Incident[]; next_cursor: string | null }>;
  tasks(incidentId: string): Promise<Task[]>;
  /**
   * The response metrics' cells (one per severity, type and declaration month) of the incidents
   * declared in [from, to) that `visibleTo` may see, added up in the database.
   */
  metricCells(scope: MetricScope): Promise<MetricCell[]>;
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
