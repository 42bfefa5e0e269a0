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
export type { Problem, ProblemError as ProblemDetail } from "../../../src/contract/problem";

import type { ClosingObligation } from "../../../src/domain/incident/closing-obligation";

export type { ClosingObligation };

// ---- incidents ---------------------------------------------------------------------------

import type { IncidentView } from "../../../src/contract/incidents";
import type { TaskPhase } from "../../../src/domain/incident/phase";

export type {
  ClassifyInput,
  DeclareInput,
  IncidentDetail,
  IncidentView as Incident,
  NoteInput,
  PhaseInput,
  TaskPatch,
  TaskView as Task,
  TimelineEntryView as TimelineEntry,
  TimelineVerdict,
} from "../../../src/contract/incidents";
export type { Actor } from "../../../src/domain/actor";
export {
  ACTIVE_PHASES,
  type ActivePhase,
  END_STATES,
  type IncidentPhase,
  TASK_PHASES,
  type TaskPhase,
} from "../../../src/domain/incident/phase";
export { TASK_STATUSES, type TaskStatus } from "../../../src/domain/incident/task";

export type IncidentTimes = IncidentView["times"];

/** The list filters the incident list page keeps in its URL. */
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
