import { z } from "zod";

/** Request and response shapes of the clock, status-update, escalation and ack routes. */
const Time = z.string().describe("ISO 8601 UTC");
const ActorShape = z.object({ kind: z.string(), id: z.string(), name: z.string().optional() });

export const CLOCK_STATES = [
  "not_applicable",
  "waiting",
  "running",
  "due_soon",
  "overdue",
  "met",
  "stopped",
] as const;

export const DeadlineSchema = z.object({
  id: z.string(),
  name: z.string(),
  counts_from: Time.nullable(),
  due_at: Time.nullable(),
  warn_at: Time.nullable(),
  state: z.enum([
    "not_applicable",
    "waiting",
    "pending",
    "due_soon",
    "overdue",
    "met",
    "met_late",
    "stopped",
  ]),
  time_left_ms: z.number().nullable().describe("negative when overdue"),
  late_by_ms: z.number().nullable(),
  met_at: Time.nullable(),
  waiting_for: z.string().nullable(),
  notification: z
    .object({ sent_at: Time, recipient: z.string(), reference: z.string().nullable() })
    .nullable(),
  alternatives: z
    .array(
      z.object({
        start: z.string().nullable().describe("the start event it counts from"),
        from: z.string().nullable().describe("the deadline it counts from once met"),
        counts_from: Time.nullable(),
        due_at: Time.nullable(),
        governs: z.boolean().describe("its due time is the earliest known: the deadline's"),
      }),
    )
    .describe("every way the deadline is counted; the earliest known due time governs"),
});

export const ClockSchema = z.object({
  obligation_id: z.string(),
  regulation: z.string(),
  recipient: z.string(),
  applies: z.boolean(),
  state: z.enum(CLOCK_STATES).describe("overdue: at least one deadline is past due and unmet"),
  start_event: z.string(),
  started_at: Time.nullable(),
  waiting_for: z.string().nullable(),
  stopped: z.object({ reason: z.string(), at: Time }).nullable(),
  next_due_at: Time.nullable(),
  deadlines: z.array(DeadlineSchema),
  incident: z.object({
    id: z.string(),
    human_id: z.string(),
    title: z.string(),
    severity: z.string(),
    phase: z.string(),
    exercise: z.boolean(),
  }),
  notifications: z.array(
    z.object({
      id: z.string(),
      obligation_id: z.string(),
      deadline_id: z.string(),
      sent_at: Time,
      recipient: z.string(),
      reference: z.string().nullable(),
      recorded_at: Time,
      recorded_by: ActorShape,
    }),
  ),
});

export const ClockNotificationBody = z.object({
  deadline_id: z.string().min(1),
  sent_at: z.string().optional().describe("ISO 8601; default now"),
  recipient: z.string().optional().describe("default: the obligation's recipient"),
  reference: z.string().nullable().optional().describe("case number, filing id…"),
});

export const ClockStopBody = z.object({ reason: z.string().min(1) });

export const ClockListQuery = z.object({
  state: z
    .string()
    .optional()
    .describe("comma-separated clock states, e.g. overdue or overdue,due_soon"),
  exercise: z.enum(["true", "false"]).optional(),
});

export const StatusUpdateBody = z.object({
  audience: z.string().min(1).describe("an audience id of the plan, e.g. executives"),
  summary: z.string().min(1),
  impact: z.string().optional(),
  actions: z.string().optional(),
  blockers: z.string().optional(),
  decisions: z.string().optional(),
  obligations: z.string().optional().describe("default: the regulatory clocks running"),
  next_update: z.string().optional().describe("default: one cadence from now"),
});

export const StatusUpdateResultSchema = z.object({
  incident: z.string(),
  audience: z.string(),
  text: z.string().describe("the message as sent (Markdown)"),
  missing: z.array(z.string()).describe("placeholders rendered empty"),
  next_update: z.string().nullable(),
  notifications: z.array(z.object({ id: z.string(), channel: z.string(), status: z.string() })),
});

export const StatusUpdatesSchema = z.object({
  items: z.array(z.looseObject({ seq: z.number(), at: Time, audience: z.string() })),
  cadence: z.array(
    z.object({
      audience: z.string(),
      name: z.string(),
      every: z.string().nullable(),
      applies: z
        .boolean()
        .describe("false: the audience's condition does not hold; no updates due"),
      last_update_at: Time.nullable(),
      next_due_at: Time.nullable(),
      overdue: z.boolean(),
    }),
  ),
});

const Position = z.object({ round: z.number(), step: z.number(), at: Time });

export const EscalationSchema = z.object({
  incident_id: z.string(),
  run: z.number(),
  severity: z.string(),
  status: z.enum(["active", "acknowledged", "exhausted", "ended", "no_path"]),
  last: Position.nullable().describe("the last step paged (0-based round and step)"),
  next: Position.nullable().describe("the next step and when it is due"),
  started_at: Time,
  updated_at: Time,
});

export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  channel: z.object({ kind: z.string(), target: z.string(), id: z.string().nullable() }),
  recipient: z.string().nullable(),
  subject: z.string(),
  severity: z.string().nullable(),
  labels: z.array(z.string()),
  status: z.enum(["pending", "sent", "failed"]),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: Time,
  sentAt: Time.nullable(),
  deliveries: z.array(
    z.object({
      attempt: z.number(),
      at: Time,
      outcome: z.enum(["sent", "failed"]),
      error: z.string().nullable(),
      httpStatus: z.number().nullable(),
      detail: z.string().nullable(),
      durationMs: z.number(),
    }),
  ),
});
