import { z } from "zod";
import { INCIDENT_PHASES, TASK_PHASES } from "../../domain/incident/phase.js";
import { TASK_STATUSES } from "../../domain/incident/task.js";

/** Response and request shapes of the incident routes; they also make the OpenAPI document. */
const Time = z.string().describe("ISO 8601 UTC");
const TaskPhase = z.enum(TASK_PHASES);

export const ActorSchema = z.object({
  kind: z.string(),
  id: z.string(),
  name: z.string().optional(),
});

export const IncidentSchema = z.object({
  id: z.string(),
  human_id: z.string(),
  title: z.string(),
  description: z.string(),
  type: z.string(),
  severity: z.string(),
  phase: z.enum(INCIDENT_PHASES),
  commander: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  source_alerts: z.array(z.string()),
  plan_id: z.string(),
  plan_version: z.number(),
  procedure_id: z.string(),
  procedure_version: z.number(),
  restricted: z.boolean(),
  exercise: z.boolean(),
  merged_into: z.string().nullable(),
  end_reason: z.string().nullable(),
  times: z.object({
    first_activity_at: Time.nullable(),
    detected_at: Time.describe("when the organisation became aware"),
    reported_at: Time,
    acknowledged_at: Time.nullable(),
    declared_at: Time,
    classified_at: Time.nullable(),
    determined_at: Time.nullable(),
    contained_at: Time.nullable(),
    eradicated_at: Time.nullable(),
    recovered_at: Time.nullable(),
    remediation_opened_at: Time.nullable(),
    closed_at: Time.nullable(),
  }),
  created_by: z.string(),
  updated_at: Time,
  version: z.number().describe("send it back as If-Match to refuse a change made on a stale view"),
});

export const TaskSchema = z.object({
  id: z.string(),
  incident_id: z.string(),
  phase: TaskPhase,
  step_id: z.string().nullable(),
  procedure_id: z.string().nullable(),
  procedure_version: z.number().nullable(),
  title: z.string(),
  role: z.string().nullable(),
  instructions: z.string(),
  required: z.boolean(),
  reporting: z.boolean(),
  evidence_expected: z.array(z.string()),
  due_at: Time.nullable(),
  status: z.enum(TASK_STATUSES),
  assignee: z.string().nullable(),
  skip_reason: z.string().nullable(),
  follow_up: z.boolean(),
  notes: z.array(z.object({ at: Time, by: z.string(), text: z.string() })),
  evidence_ids: z.array(z.string()),
  position: z.number(),
  created_at: Time,
  updated_at: Time,
  completed_at: Time.nullable(),
  completed_by: z.string().nullable(),
});

export const TimelineEntrySchema = z.object({
  seq: z.number(),
  recorded_at: Time,
  occurred_at: Time.nullable(),
  actor: ActorSchema,
  kind: z.string(),
  payload: z.record(z.string(), z.unknown()),
  prev_hash: z.string(),
  hash: z.string(),
});

export const DeclareBody = z.strictObject({
  title: z.string().min(1).max(300),
  type: z.string().min(1),
  severity: z.string().optional(),
  description: z.string().max(20_000).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  assets: z.array(z.string().min(1)).max(1000).optional(),
  first_activity_at: Time.optional(),
  aware_at: Time.optional(),
  source_alerts: z.array(z.string()).optional(),
  commander: z.string().optional(),
  restricted: z.boolean().optional(),
  exercise: z.boolean().optional(),
});

export const ClassifyBody = z.strictObject({
  severity: z.string().optional(),
  type: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  reason: z.string().min(1, "a reason is required"),
});

export const PhaseBody = z.strictObject({
  reason: z.string().optional(),
  override: z.boolean().optional(),
});
export const ReasonBody = z.strictObject({ reason: z.string().min(1, "a reason is required") });
export const MergeBody = z.strictObject({ into: z.string().min(1), reason: z.string().min(1) });

export const TaskPatchBody = z.strictObject({
  status: z.enum(TASK_STATUSES).optional(),
  assignee: z.string().nullable().optional(),
  skip_reason: z.string().optional(),
  follow_up: z.boolean().optional(),
  note: z.string().max(20_000).optional(),
  evidence_ids: z.array(z.string()).optional(),
});

export const NewTaskBody = z.strictObject({
  title: z.string().min(1).max(300),
  phase: TaskPhase,
  instructions: z.string().optional(),
  role: z.string().optional(),
  required: z.boolean().optional(),
  assignee: z.string().optional(),
  due_in: z.string().optional().describe("ISO 8601 duration, e.g. PT2H"),
});

export const NoteBody = z.strictObject({
  text: z.string().min(1).max(20_000),
  kind: z.enum(["note", "decision"]).optional(),
  occurred_at: Time.optional(),
  sets: z.enum(["classified", "determined"]).optional(),
});

export const ListQuery = z.object({
  phase: z.string().optional().describe("comma-separated phases"),
  severity: z.string().optional(),
  type: z.string().optional(),
  open: z.enum(["true", "false"]).optional(),
  exercise: z.enum(["true", "false"]).optional(),
  q: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});
