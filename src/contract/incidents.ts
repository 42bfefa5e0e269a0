import { z } from "zod";
import { IncidentSchema } from "../domain/incident/model.js";

import { TASK_PHASES } from "../domain/incident/phase.js";
import { TASK_STATUSES } from "../domain/incident/task.js";
import { ById, endpoint, IfMatch, page, Time, whole } from "./endpoint.js";

/** Incidents: declaration, classification, phases, tasks and the timeline. */

const TaskPhase = z.enum(TASK_PHASES);

export const ActorSchema = z.object({
  kind: z.string(),
  id: z.string(),
  name: z.string().optional(),
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

const DeclareBody = z.strictObject({
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

const ClassifyBody = z.strictObject({
  severity: z.string().optional(),
  type: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  reason: z.string().min(1, "a reason is required"),
});

const PhaseBody = z.strictObject({
  reason: z.string().optional(),
  override: z.boolean().optional(),
});
const ReasonBody = z.strictObject({ reason: z.string().min(1, "a reason is required") });
const MergeBody = z.strictObject({ into: z.string().min(1), reason: z.string().min(1) });

const TaskPatchBody = z.strictObject({
  status: z.enum(TASK_STATUSES).optional(),
  assignee: z.string().nullable().optional(),
  skip_reason: z.string().optional(),
  follow_up: z.boolean().optional(),
  note: z.string().max(20_000).optional(),
  evidence_ids: z.array(z.string()).optional(),
});

const NewTaskBody = z.strictObject({
  title: z.string().min(1).max(300),
  phase: TaskPhase,
  instructions: z.string().optional(),
  role: z.string().optional(),
  required: z.boolean().optional(),
  assignee: z.string().optional(),
  due_in: z.string().optional().describe("ISO 8601 duration, e.g. PT2H"),
});

const NoteBody = z.strictObject({
  text: z.string().min(1).max(20_000),
  kind: z.enum(["note", "decision"]).optional(),
  occurred_at: Time.optional(),
  sets: z.enum(["classified", "determined"]).optional(),
});

const ListQuery = z.object({
  phase: z.string().optional().describe("comma-separated phases"),
  severity: z.string().optional(),
  type: z.string().optional(),
  open: z.enum(["true", "false"]).optional(),
  exercise: z.enum(["true", "false"]).optional(),
  q: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});

const TaskParams = ById.extend({ taskId: z.string() });

const IncidentDetailSchema = IncidentSchema.extend({
  blocking_tasks: z.array(z.object({ id: z.string(), title: z.string() })),
});

const TimelineVerdictSchema = z.object({
  incident: z.string(),
  intact: z.boolean(),
  entries: z.number(),
  first_bad_seq: z.number().optional(),
  reason: z.string().optional(),
  differences: z
    .array(z.object({ field: z.string(), stored: z.unknown(), timeline: z.unknown() }))
    .optional()
    .describe("stored fields that are not what the timeline rebuilds"),
});

/** A change of one incident: by id, on the version the caller saw (If-Match). */
const change = { params: ById, headers: IfMatch } as const;

export const incidents = {
  declare: endpoint({
    method: "POST",
    path: "/incidents",
    body: DeclareBody,
    response: IncidentSchema,
    status: 201,
  }),
  list: endpoint({
    method: "GET",
    path: "/incidents",
    query: ListQuery,
    response: page(IncidentSchema),
  }),
  get: endpoint({
    method: "GET",
    path: "/incidents/:id",
    params: ById,
    response: IncidentDetailSchema,
  }),
  classify: endpoint({
    method: "PATCH",
    path: "/incidents/:id",
    ...change,
    body: ClassifyBody,
    response: IncidentSchema,
  }),
  acknowledge: endpoint({
    method: "POST",
    path: "/incidents/:id/acknowledge",
    ...change,
    response: IncidentSchema,
  }),
  advance: endpoint({
    method: "POST",
    path: "/incidents/:id/advance",
    description:
      "Move to the next phase. 409 gate_blocked names the required tasks still open, unless the commander overrides with a reason, or the commander the plan requires at this severity (rule command.required_from).",
    ...change,
    body: PhaseBody.optional(),
    response: IncidentSchema,
  }),
  close: endpoint({
    method: "POST",
    path: "/incidents/:id/close",
    description:
      "Close after the post-incident work. 409 gate_blocked names required tasks still open and the post-incident work the plan requires at this severity (missing_obligations); override with a reason needs the close and override_gate authority.",
    ...change,
    body: PhaseBody.optional(),
    response: IncidentSchema,
  }),
  decline: endpoint({
    method: "POST",
    path: "/incidents/:id/decline",
    ...change,
    body: ReasonBody,
    response: IncidentSchema,
  }),
  reopen: endpoint({
    method: "POST",
    path: "/incidents/:id/reopen",
    ...change,
    body: ReasonBody,
    response: IncidentSchema,
  }),
  merge: endpoint({
    method: "POST",
    path: "/incidents/:id/merge",
    ...change,
    body: MergeBody,
    response: IncidentSchema,
  }),
  tasks: endpoint({
    method: "GET",
    path: "/incidents/:id/tasks",
    params: ById,
    response: whole(TaskSchema),
  }),
  addTask: endpoint({
    method: "POST",
    path: "/incidents/:id/tasks",
    ...change,
    body: NewTaskBody,
    response: TaskSchema,
    status: 201,
  }),
  updateTask: endpoint({
    method: "PATCH",
    path: "/incidents/:id/tasks/:taskId",
    params: TaskParams,
    headers: IfMatch,
    body: TaskPatchBody,
    response: TaskSchema,
  }),
  timeline: endpoint({
    method: "GET",
    path: "/incidents/:id/timeline",
    params: ById,
    query: z.object({ after: z.coerce.number().int().min(0).optional() }),
    response: whole(TimelineEntrySchema),
  }),
  addNote: endpoint({
    method: "POST",
    path: "/incidents/:id/notes",
    ...change,
    body: NoteBody,
    response: IncidentSchema,
    status: 201,
  }),
  verifyTimeline: endpoint({
    method: "GET",
    path: "/incidents/:id/timeline/verify",
    params: ById,
    response: TimelineVerdictSchema,
  }),
};

export type IncidentView = z.output<typeof IncidentSchema>;
export type IncidentDetail = z.output<typeof IncidentDetailSchema>;
export type TaskView = z.output<typeof TaskSchema>;
export type TimelineEntryView = z.output<typeof TimelineEntrySchema>;
export type TimelineVerdict = z.output<typeof TimelineVerdictSchema>;
export type DeclareInput = z.input<typeof DeclareBody>;
export type ClassifyInput = z.input<typeof ClassifyBody>;
export type PhaseInput = z.input<typeof PhaseBody>;
export type NewTaskInput = z.input<typeof NewTaskBody>;
export type TaskPatch = z.input<typeof TaskPatchBody>;
export type NoteInput = z.input<typeof NoteBody>;
export type IncidentListQuery = z.input<typeof ListQuery>;
