import type { Generated } from "kysely";
import type {
  Asset,
  CustodyTransfer,
  Evidence,
  Incident,
  IncidentTimes,
  Indicator,
  RoleAssignment,
  Task,
} from "../../domain/incident/model.js";
import type { ChainedContent } from "../../domain/incident/timeline-chain.js";

/** Incidents and everything recorded on them (see migrations/0002-incidents.ts). */
export interface IncidentTables {
  counters: CountersTable;
  incidents: IncidentsTable & TimelineHeadColumns & MetricColumns;
  tasks: TasksTable;
  timeline: TimelineTable;
  role_assignments: RoleAssignmentsTable;
  evidence: EvidenceTable;
  custody_transfers: CustodyTransfersTable;
  indicators: IndicatorsTable;
  assets: AssetsTable;
  problems: ProblemsTable;
  problem_incidents: ProblemIncidentsTable;
}

/** Human-readable sequences such as INC-2026-0042, one row per prefix and year. */
export interface CountersTable {
  name: string;
  value: number;
}

/**
 * The end of the incident's timeline chain (migration 0013), moved in the transaction of every
 * append; kept out of `IncidentsTable` so that writing the incident model never touches it.
 */
export interface TimelineHeadColumns {
  timeline_head: Generated<string>;
  timeline_entries: Generated<number>;
}

/**
 * What the response metrics add up, kept on the incident row (migration 0033) and rewritten with
 * every change of it (`store/incident-metrics.sql.ts`), so that metrics are SQL aggregates over
 * incidents instead of every incident and task read into memory: its durations in milliseconds
 * (null until both moments exist) and its required steps judged so far.
 */
export interface MetricColumns {
  mttd_ms: number | null;
  mtta_ms: number | null;
  mttc_ms: number | null;
  mttr_ms: number | null;
  time_to_close_ms: number | null;
  steps_on_time: number;
  steps_late: number;
  steps_skipped: number;
  steps_not_done: number;
}

/**
 * An incident's row is its model (`domain/incident/model.ts`) flattened: the times are columns of
 * their own, booleans are 0/1, lists and objects JSON text (see `store/incident.rows.ts`). Derived,
 * so that a field added to the model needs only its migration here.
 */
export type IncidentsTable = {
  [K in Exclude<keyof Incident, "times">]: ColumnOf<Incident[K]>;
} & IncidentTimes;

/** How a model value is stored: 0/1 for booleans, JSON text for lists and objects. */
type ColumnOf<T> = T extends boolean ? number : T extends object ? string : T;

/** A task's row is its model with the same storing rule: 0/1 booleans, JSON lists and notes. */
export type TasksTable = { [K in keyof Task]: ColumnOf<Task[K]> };

/** A timeline entry as stored: the content its hash covers, and the chain's links. */
export interface TimelineTable extends ChainedContent {
  prev_hash: string;
  hash: string;
}

/** Rows stored exactly as their models (`domain/incident/model.ts`) hold them. */
export type RoleAssignmentsTable = RoleAssignment;
export type EvidenceTable = Evidence;
export type CustodyTransfersTable = CustodyTransfer;
export type IndicatorsTable = Indicator;
export type AssetsTable = Asset;

export interface ProblemsTable {
  id: string;
  human_id: string;
  title: string;
  /** Added by 0005-incident-extras. */
  description: string;
  opened_by: string;
  state: string;
  cause: string | null;
  workaround: string | null;
  fix: string | null;
  verified_by: string | null;
  opened_at: string;
  known_error_at: string | null;
  resolved_at: string | null;
  updated_at: string;
  version: number;
}

export interface ProblemIncidentsTable {
  problem_id: string;
  incident_id: string;
  linked_at: string;
}
