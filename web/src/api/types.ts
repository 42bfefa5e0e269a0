/**
 * The API's shapes, written by hand from `/api/v1/openapi.json` (the server's zod schemas in
 * `src/server/routes/*.schemas.ts` and `*.routes.ts`). Only what the interface reads is typed;
 * when a route changes, change it here and let the compiler find the screens that care.
 */

/** ISO 8601 UTC text. */
export type Time = string;

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** RFC 9457 problem details, as every error is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: ProblemDetail[];
  /** gate_blocked: the required tasks still open. */
  blocking_tasks?: { id: string; title: string; phase?: string; status?: string }[];
  /** gate_blocked: the plan rule that blocked (`command.required_from`: name a commander). */
  rule?: string;
  /** gate_blocked on close: the post-incident work the plan requires that is not on record. */
  missing_obligations?: ClosingObligation[];
  /** stale_version: the version the incident is at now. */
  current_version?: number;
  [extra: string]: unknown;
}

export interface ProblemDetail {
  message: string;
  file?: string;
  line?: number;
  column?: number;
  path?: string;
}

// ---- incidents ---------------------------------------------------------------------------

export const ACTIVE_PHASES = [
  "detection",
  "containment",
  "eradication",
  "recovery",
  "post_incident",
] as const;
export const END_STATES = ["closed", "declined", "merged"] as const;
export type ActivePhase = (typeof ACTIVE_PHASES)[number];
export type IncidentPhase = ActivePhase | (typeof END_STATES)[number];

/** Where tasks live: the phases, and the parallel remediation track. */
export const TASK_PHASES = [
  "detection",
  "containment",
  "eradication",
  "recovery",
  "remediation",
  "post_incident",
] as const;
export type TaskPhase = (typeof TASK_PHASES)[number];

export const TASK_STATUSES = ["open", "in_progress", "done", "skipped", "blocked"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface Actor {
  kind: string;
  id: string;
  name?: string;
}

export interface IncidentTimes {
  first_activity_at: Time | null;
  detected_at: Time;
  reported_at: Time;
  acknowledged_at: Time | null;
  declared_at: Time;
  classified_at: Time | null;
  determined_at: Time | null;
  contained_at: Time | null;
  eradicated_at: Time | null;
  recovered_at: Time | null;
  remediation_opened_at: Time | null;
  closed_at: Time | null;
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
  times: IncidentTimes;
  created_by: string;
  updated_at: Time;
  /** Sent back as If-Match so a change made on a stale view is refused. */
  version: number;
}

/** `GET /incidents/:id` adds what blocks leaving the current phase. */
export interface IncidentDetail extends Incident {
  blocking_tasks: { id: string; title: string }[];
}

export interface TaskNote {
  at: Time;
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
  due_at: Time | null;
  status: TaskStatus;
  assignee: string | null;
  skip_reason: string | null;
  follow_up: boolean;
  notes: TaskNote[];
  evidence_ids: string[];
  position: number;
  created_at: Time;
  updated_at: Time;
  completed_at: Time | null;
  completed_by: string | null;
}

export interface TimelineEntry {
  seq: number;
  recorded_at: Time;
  occurred_at: Time | null;
  actor: Actor;
  kind: string;
  payload: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

export interface DeclareInput {
  title: string;
  type: string;
  severity?: string;
  description?: string;
  attributes?: Record<string, unknown>;
  commander?: string;
  exercise?: boolean;
  first_activity_at?: Time;
  aware_at?: Time;
}

export interface IncidentFilter {
  open?: boolean;
  phase?: string[];
  severity?: string[];
  type?: string[];
  exercise?: boolean;
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface TaskPatch {
  status?: TaskStatus;
  assignee?: string | null;
  skip_reason?: string;
  follow_up?: boolean;
  note?: string;
}

export interface NoteInput {
  text: string;
  kind?: "note" | "decision";
}

export interface PhaseInput {
  reason?: string;
  override?: boolean;
}

export interface ClassifyInput {
  severity?: string;
  type?: string;
  attributes?: Record<string, unknown>;
  reason: string;
}

export interface TimelineVerdict {
  incident: string;
  intact: boolean;
  entries: number;
  first_bad_seq?: number;
  reason?: string;
  /** Stored fields that are not what the timeline rebuilds (an edited incident row). */
  differences?: { field: string; stored: unknown; timeline: unknown }[];
}

// ---- documents ---------------------------------------------------------------------------

export type DocumentKind = "plan" | "procedure";

export interface VersionSummary {
  kind: DocumentKind;
  id: string;
  version: number;
  /** The author's own label (`version:` in the YAML). */
  label: string;
  title: string;
  hash: string;
  origin: string;
  created_at: Time;
  created_by: string;
  /** In version lists: whether this is the version in force (newer ones are drafts). */
  in_force?: boolean;
}

export interface StoredDocument<B = Record<string, unknown>> extends VersionSummary {
  source: string;
  body: B;
}

export interface LintFinding {
  level: "error" | "warning";
  /** `procedure/ransomware@v3` for stored documents. */
  file: string;
  line: number;
  column: number;
  /** `procedure ransomware: steps.containment[0].role` */
  path: string;
  message: string;
}

export interface LintReport {
  errors: number;
  warnings: number;
  findings: LintFinding[];
}

export interface UploadResult {
  stored: VersionSummary[];
  /** False: the stored versions are drafts until the plan in force's approvers approve them. */
  in_force: boolean;
  unchanged: { kind: string; id: string }[];
  warnings: LintFinding[];
}

/** The plan document's body (`src/documents/plan.schema.ts`). */
export interface PlanBody {
  kind: "plan";
  id: string;
  version: string;
  title: string;
  owner: string;
  approval?: { by: string[]; at: string };
  review: { cycle: string; last_review: string };
  mission: string;
  goals: string[];
  principles: string[];
  scope: string;
  risk_tolerance: string;
  severity_scale: SeverityLevel[];
  /** From this severity up, an incident needs a named commander to leave detection. */
  command?: { required_from?: string };
  attributes: AttributeDefinition[];
  roles: PlanRole[];
  team: Person[];
  on_call: OnCallRotation[];
  channels: Channel[];
  communication: { audiences: Audience[] };
  escalation: EscalationPath[];
  compliance: Obligation[];
  incident_types: IncidentType[];
}

export interface SeverityLevel {
  id: string;
  name: string;
  definition: string;
  targets: { acknowledge: string; contain: string; recover: string };
  rule_levels: string[];
  /** The post-incident work on record before an incident at this severity closes. */
  close_requires?: ClosingObligation[];
}

/** `src/documents/plan.schema.ts` ClosingObligation. */
export type ClosingObligation =
  | "root_cause_analysis"
  | "lessons_learned"
  | "after_action_report"
  | "executive_report";

export interface AttributeDefinition {
  id: string;
  type: "boolean" | "number" | "string" | "string_list";
  description: string;
}

export interface PlanRole {
  id: string;
  title: string;
  responsibilities: string[];
  authority: string[];
  /** Held by whoever the plan's rotation has on call for the role. */
  on_call_authority?: string[];
}

export interface Person {
  id: string;
  name: string;
  contacts: { channel: string; address: string }[];
  roles: string[];
}

export interface OnCallRotation {
  role: string;
  time_zone: string;
  handoff: { day: string; time: string };
  starts: string;
  people: string[];
  overrides?: { person: string; from: string; to: string; reason?: string }[];
}

export interface Channel {
  id: string;
  kind: string;
  target: string;
  description?: string;
}

export interface Audience {
  id: string;
  name: string;
  kind: "technical" | "non_technical";
  channels: string[];
  cadence: Record<string, string>;
  template?: string;
  /** Updated only while this holds. */
  condition?: string;
}

export interface EscalationPath {
  severity: string;
  steps: { notify: string[]; after: string }[];
  repeat: number;
}

export interface Obligation {
  id: string;
  regulation: string;
  description?: string;
  trigger: string;
  clock_start: string;
  deadlines: (DeadlineSpan & { id: string; name: string; earliest_of?: DeadlineSpan[] })[];
  recipient: string;
  /** Without `procedure`: that step of any procedure. */
  fulfilled_by: FulfillingStep | FulfillingStep[];
}

export interface DeadlineSpan {
  within?: string;
  business_days?: number;
  calendar?: string;
  time_zone?: string;
  start?: string;
  from?: string;
}

export interface FulfillingStep {
  procedure?: string;
  step: string;
}

export interface IncidentType {
  id: string;
  name: string;
  description?: string;
  default_severity: string;
  procedure: string;
}

/** The procedure document's body (`src/documents/procedure.schema.ts`). */
export interface ProcedureBody {
  kind: "procedure";
  id: string;
  version: string;
  title: string;
  summary?: string;
  applies_to: { incident_types: string[]; severities: string[] };
  steps: Record<TaskPhase, ProcedureStep[]>;
}

export interface ProcedureStep {
  id: string;
  title: string;
  role: string;
  instructions: string;
  required: boolean;
  evidence: string[];
  target?: string;
  condition?: string;
  reporting: boolean;
}

export type ProcedureSummary = VersionSummary & { applies_to: ProcedureBody["applies_to"] };
