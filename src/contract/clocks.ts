import { z } from "zod";
import {
  CLOCK_STATES,
  DEADLINE_STATES,
  NOTIFICATION_CHANNELS,
  START_EVENTS,
} from "../domain/clock-states.js";
import { INCIDENT_PHASES } from "../domain/incident/phase.js";
import { endpoint, IfMatch, Time, whole } from "./endpoint.js";
import { ActorSchema } from "./incidents.js";
import { IncidentRef } from "./on-incident.js";

/** Regulatory clocks: per incident, across incidents, and recording notifications and stops. */

const DeadlineSchema = z.object({
  id: z.string(),
  name: z.string(),
  counts_from: Time.nullable(),
  due_at: Time.nullable(),
  warn_at: Time.nullable(),
  state: z.enum(DEADLINE_STATES),
  time_left_ms: z.number().nullable().describe("negative when overdue"),
  late_by_ms: z.number().nullable(),
  met_at: Time.nullable(),
  waiting_for: z.string().nullable(),
  notification: z
    .object({
      sent_at: Time,
      recipient: z.string(),
      reference: z.string().nullable(),
      channel: z.enum(NOTIFICATION_CHANNELS).nullable(),
    })
    .nullable(),
  alternatives: z
    .array(
      z.object({
        start: z.enum(START_EVENTS).nullable().describe("the start event it counts from"),
        from: z.string().nullable().describe("the deadline it counts from once met"),
        counts_from: Time.nullable(),
        due_at: Time.nullable(),
        governs: z.boolean().describe("its due time is the earliest known: the deadline's"),
      }),
    )
    .describe("every way the deadline is counted; the earliest known due time governs"),
});

const ClockSchema = z.object({
  obligation_id: z.string(),
  regulation: z.string(),
  recipient: z.string(),
  applies: z.boolean(),
  state: z.enum(CLOCK_STATES).describe("overdue: at least one deadline is past due and unmet"),
  start_event: z.enum(START_EVENTS),
  started_at: Time.nullable(),
  waiting_for: z.enum(START_EVENTS).nullable(),
  stopped: z.object({ reason: z.string(), at: Time }).nullable(),
  next_due_at: Time.nullable(),
  deadlines: z.array(DeadlineSchema),
  incident: z.object({
    id: z.string(),
    human_id: z.string(),
    title: z.string(),
    severity: z.string(),
    phase: z.enum(INCIDENT_PHASES),
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
      channel: z.enum(NOTIFICATION_CHANNELS).nullable(),
      recorded_at: Time,
      recorded_by: ActorSchema,
    }),
  ),
});

const NotificationBody = z.object({
  deadline_id: z.string().min(1),
  sent_at: z.string().optional().describe("ISO 8601; default now"),
  recipient: z.string().optional().describe("default: the obligation's recipient"),
  reference: z.string().nullable().optional().describe("case number, filing id…"),
  channel: z.enum(NOTIFICATION_CHANNELS).nullable().optional().describe("how it was sent"),
});

const ListQuery = z.object({
  state: z
    .string()
    .optional()
    .describe("comma-separated clock states, e.g. overdue or overdue,due_soon"),
  exercise: z.enum(["true", "false"]).optional(),
});

/** A change to one clock: the incident and the obligation, on the version the caller saw. */
const onClock = {
  params: IncidentRef.extend({ obligationId: z.string() }),
  headers: IfMatch,
} as const;

export const clocks = {
  ofIncident: endpoint({
    method: "GET",
    path: "/incidents/:id/clocks",
    description:
      "Every obligation of the incident's plan as a clock; `state: overdue` when a deadline is past due and unmet.",
    params: IncidentRef,
    response: whole(ClockSchema),
  }),
  recordNotification: endpoint({
    method: "POST",
    path: "/incidents/:id/clocks/:obligationId/notifications",
    description: "Record the notification that meets a deadline (to whom, when, reference).",
    ...onClock,
    body: NotificationBody,
    response: ClockSchema,
    status: 201,
  }),
  stop: endpoint({
    method: "POST",
    path: "/incidents/:id/clocks/:obligationId/stop",
    description: "Stop a clock for good, with a reason (409 when already stopped).",
    ...onClock,
    body: z.object({ reason: z.string().min(1) }),
    response: ClockSchema,
  }),
  list: endpoint({
    method: "GET",
    path: "/clocks",
    description:
      "Clocks across incidents, most urgent first (overdue, due soon, running…); `?state=overdue` for the overdue ones.",
    query: ListQuery,
    response: whole(ClockSchema),
  }),
};

export type ClockView = z.output<typeof ClockSchema>;
export type DeadlineView = z.output<typeof DeadlineSchema>;
export type NotificationInput = z.input<typeof NotificationBody>;
