import { z } from "zod";
import { ALERT_SOURCES, ALERT_STATUSES } from "../domain/alert.js";
import { IncidentSchema } from "../domain/incident/model.js";
import { EntitiesSchema, IsoDuration, IsoTime } from "./detection.js";
import { ById, endpoint, page, Time } from "./endpoint.js";

/** Alerts: the triage queue, its actions, and declaring or joining incidents from alerts. */

export const AlertSchema = z.object({
  id: z.string(),
  dedup_key: z.string(),
  source: z.enum(ALERT_SOURCES),
  rule_id: z.string().nullable().describe("the Sigma rule's id, for alerts raised by a rule"),
  integration_id: z.string().nullable(),
  title: z.string(),
  severity: z.string().describe("a severity id on the plan's scale"),
  level: z.string().nullable().describe("the sender's own level (Sigma level, PagerDuty severity)"),
  status: z.enum(ALERT_STATUSES),
  count: z.number().int(),
  first_seen: Time,
  last_seen: Time,
  entities: EntitiesSchema,
  tags: z.array(z.string()),
  incident_id: z.string().nullable(),
  suppressed_until: Time.nullable(),
  suppression_id: z.string().nullable(),
  suppression_reason: z.string().nullable(),
  acknowledged_at: Time.nullable(),
  resolved_at: Time.nullable(),
  status_by: z.string().nullable(),
  exercise_run_id: z
    .string()
    .nullable()
    .describe("the exercise run that replayed it (an exercise alert), or null"),
  created_at: Time,
  updated_at: Time,
});

/** A raw event behind an alert, as stored. */
export const EventSchema = z.object({
  id: z.string(),
  received_at: Time,
  time: Time.nullable(),
  time_source: z
    .enum(["event", "arrival"])
    .describe("event: the event's own time; arrival: it said none, its arrival time stands in"),
  source: z.string().nullable(),
  integration_id: z.string().nullable(),
  entities: EntitiesSchema,
  raw: z.unknown(),
});

const AlertDetailSchema = AlertSchema.extend({
  payload: z.record(z.string(), z.unknown()),
  events: z.array(EventSchema).describe("the newest events behind the alert"),
  events_total: z.number().int(),
});

const ListQuery = z.object({
  status: z
    .string()
    .optional()
    .describe("comma-separated: open, acknowledged, resolved, suppressed"),
  severity: z.string().optional().describe("comma-separated severity ids"),
  rule: z.string().optional().describe("comma-separated Sigma rule ids"),
  source: z
    .string()
    .optional()
    .describe("comma-separated: rule, pagerduty, alertmanager, webhook, grafana"),
  incident: z.string().optional().describe("alerts attached to this incident id"),
  triage: z
    .enum(["true", "false"])
    .optional()
    .describe(
      "the triage queue: open and acknowledged alerts not attached to an incident (with status=open, the acknowledged ones are hidden)",
    ),
  q: z.string().optional().describe("text in the title, dedup key, host or user"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});

const SuppressBody = z
  .strictObject({
    reason: z.string().min(1),
    until: IsoTime.optional().describe("a repeat after this time reopens the alert"),
    for: IsoDuration.optional().describe("instead of until: how long from now"),
  })
  .refine((b) => !(b.until && b.for), "give until or for, not both");

const DeclareBody = z.strictObject({
  type: z.string().min(1).describe("incident type from the plan"),
  severity: z.string().optional().describe("default: the highest severity among the alerts"),
  title: z.string().min(1).optional(),
  description: z.string().optional(),
  alerts: z.array(z.string()).optional().describe("more alert ids to declare with this one"),
});

const AttachBody = z.strictObject({
  incident: z.string().min(1).describe("incident id or human id"),
  alerts: z.array(z.string()).optional().describe("more alert ids to attach with this one"),
});

/** The incident alerts were declared as or attached to, and every alert id that went with it. */
const IncidentOfAlerts = z.object({
  incident: IncidentSchema,
  alert_ids: z.array(z.string()),
});

/** A change of one alert's triage status, answered with the alert. */
const statusChange = (verb: string) =>
  endpoint({ method: "POST", path: `/alerts/:id/${verb}`, params: ById, response: AlertSchema });

export const alerts = {
  list: endpoint({
    method: "GET",
    path: "/alerts",
    query: ListQuery,
    response: page(AlertSchema),
  }),
  get: endpoint({
    method: "GET",
    path: "/alerts/:id",
    params: ById,
    response: AlertDetailSchema,
  }),
  acknowledge: statusChange("acknowledge"),
  resolve: statusChange("resolve"),
  suppress: endpoint({
    method: "POST",
    path: "/alerts/:id/suppress",
    params: ById,
    body: SuppressBody,
    response: AlertSchema,
  }),
  declare: endpoint({
    method: "POST",
    path: "/alerts/:id/declare",
    description: "Declare an incident from this alert (and others): they become its source alerts.",
    params: ById,
    body: DeclareBody,
    response: IncidentOfAlerts,
    status: 201,
  }),
  attach: endpoint({
    method: "POST",
    path: "/alerts/:id/attach",
    description:
      "Attach this alert (and others) to an incident in progress; its timeline records it.",
    params: ById,
    body: AttachBody,
    response: IncidentOfAlerts,
  }),
};

export type AlertView = z.output<typeof AlertSchema>;
export type AlertDetailView = z.output<typeof AlertDetailSchema>;
export type EventView = z.output<typeof EventSchema>;
export type DeclareFromAlertsInput = z.input<typeof DeclareBody>;
