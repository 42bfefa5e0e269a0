import { z } from "zod";
import { endpoint, Time, whole } from "./endpoint.js";
import { IncidentRef, onIncident } from "./on-incident.js";

/** An incident's communications: status updates to the plan's audiences, and notifications sent. */

const StatusUpdateBody = z.object({
  audience: z.string().min(1).describe("an audience id of the plan, e.g. executives"),
  summary: z.string().min(1),
  impact: z.string().optional(),
  actions: z.string().optional(),
  blockers: z.string().optional(),
  decisions: z.string().optional(),
  obligations: z.string().optional().describe("default: the regulatory clocks running"),
  next_update: z.string().optional().describe("default: one cadence from now"),
});

const StatusUpdateResultSchema = z.object({
  incident: z.string(),
  audience: z.string(),
  text: z.string().describe("the message as sent (Markdown)"),
  missing: z.array(z.string()).describe("placeholders rendered empty"),
  next_update: z.string().nullable(),
  notifications: z.array(z.object({ id: z.string(), channel: z.string(), status: z.string() })),
});

const CadenceSchema = z.object({
  audience: z.string(),
  name: z.string(),
  every: z.string().nullable(),
  applies: z.boolean().describe("false: the audience's condition does not hold; no updates due"),
  last_update_at: Time.nullable(),
  next_due_at: Time.nullable(),
  overdue: z.boolean(),
});

const StatusUpdatesSchema = z.object({
  items: z
    .array(
      z.looseObject({
        seq: z.number(),
        at: Time,
        audience: z.string(),
        text: z.string().optional(),
      }),
    )
    .describe("the status_update entries of the timeline (their payload, seq, time and actor)"),
  cadence: z.array(CadenceSchema),
});

const NotificationSchema = z.object({
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

export const comms = {
  postUpdate: endpoint({
    method: "POST",
    path: "/incidents/:id/updates",
    description:
      "Post a status update: the audience's template is filled in, recorded on the timeline and sent on the audience's channels; the audience's cadence restarts.",
    ...onIncident,
    body: StatusUpdateBody,
    response: StatusUpdateResultSchema,
    status: 201,
  }),
  updates: endpoint({
    method: "GET",
    path: "/incidents/:id/updates",
    description: "Updates posted so far, and per audience when the next one is due.",
    params: IncidentRef,
    response: StatusUpdatesSchema,
  }),
  notifications: endpoint({
    method: "GET",
    path: "/incidents/:id/notifications",
    description: "Every notification about the incident, oldest first, with its delivery log.",
    params: IncidentRef,
    response: whole(NotificationSchema),
  }),
};

export type StatusUpdateInput = z.input<typeof StatusUpdateBody>;
export type StatusUpdateResultView = z.output<typeof StatusUpdateResultSchema>;
export type StatusUpdatesView = z.output<typeof StatusUpdatesSchema>;
export type CadenceItem = z.output<typeof CadenceSchema>;
export type NotificationView = z.output<typeof NotificationSchema>;
