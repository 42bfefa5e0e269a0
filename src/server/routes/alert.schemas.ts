import { z } from "zod";
import { IncidentSchema } from "../../contract/incidents.js";
import { ALERT_SOURCES, ALERT_STATUSES, INTEGRATION_KINDS } from "../../detection/alert.types.js";
import { isDuration } from "../../domain/duration.js";

/** Request and response shapes of the event, alert and integration routes (and OpenAPI). */
const Time = z.string().describe("ISO 8601 UTC");
const IsoTime = z
  .string()
  .refine(
    (s) => !Number.isNaN(Date.parse(s)),
    "must be an ISO 8601 time such as 2026-11-23T08:30:00Z",
  );
const IsoDuration = z.string().refine(isDuration, "must be an ISO 8601 duration such as PT2H");

export const EntitiesSchema = z.object({
  host: z.string().optional(),
  user: z.string().optional(),
  source_ip: z.string().optional(),
  destination_ip: z.string().optional(),
  process: z
    .object({
      image: z.string().optional(),
      pid: z.union([z.string(), z.number()]).optional(),
      command_line: z.string().optional(),
    })
    .optional(),
});

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

export const EventSchema = z.object({
  id: z.string(),
  received_at: Time,
  time: Time.nullable(),
  source: z.string().nullable(),
  integration_id: z.string().nullable(),
  entities: EntitiesSchema,
  raw: z.unknown(),
});

export const AlertDetailSchema = AlertSchema.extend({
  payload: z.record(z.string(), z.unknown()),
  events: z.array(EventSchema).describe("the newest events behind the alert"),
  events_total: z.number().int(),
});

export const AlertListQuery = z.object({
  status: z
    .string()
    .optional()
    .describe("comma-separated: open, acknowledged, resolved, suppressed"),
  severity: z.string().optional().describe("comma-separated severity ids"),
  rule: z.string().optional().describe("comma-separated Sigma rule ids"),
  source: z.string().optional().describe("comma-separated: rule, pagerduty, alertmanager, webhook"),
  incident: z.string().optional().describe("alerts attached to this incident id"),
  triage: z.enum(["true", "false"]).optional().describe("open alerts not attached to an incident"),
  q: z.string().optional().describe("text in the title, dedup key, host or user"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});

export const SuppressBody = z
  .strictObject({
    reason: z.string().min(1),
    until: IsoTime.optional().describe("a repeat after this time reopens the alert"),
    for: IsoDuration.optional().describe("instead of until: how long from now"),
  })
  .refine((b) => !(b.until && b.for), "give until or for, not both");

export const DeclareFromAlertBody = z.strictObject({
  type: z.string().min(1).describe("incident type from the plan"),
  severity: z.string().optional().describe("default: the highest severity among the alerts"),
  title: z.string().min(1).optional(),
  description: z.string().optional(),
  alerts: z.array(z.string()).optional().describe("more alert ids to declare with this one"),
});

export const AttachBody = z.strictObject({
  incident: z.string().min(1).describe("incident id or human id"),
  alerts: z.array(z.string()).optional().describe("more alert ids to attach with this one"),
});

export const IncidentOfAlerts = z.object({
  incident: IncidentSchema,
  alert_ids: z.array(z.string()),
});

export const MatcherSchema = z
  .strictObject({
    rule_id: z.string().min(1).optional(),
    dedup_key: z.string().min(1).optional(),
    source: z.enum(ALERT_SOURCES).optional(),
    integration_id: z.string().min(1).optional(),
    title: z.string().min(1).optional(),
    host: z.string().min(1).optional(),
    user: z.string().min(1).optional(),
    ip: z.string().min(1).optional(),
  })
  .refine((m) => Object.keys(m).length > 0, "a matcher names at least one field")
  .describe("every field given must match; * is a wildcard; case does not matter");

export const SuppressionSchema = z.object({
  id: z.string(),
  matcher: MatcherSchema,
  reason: z.string(),
  starts_at: Time.nullable(),
  expires_at: Time.nullable(),
  created_at: Time,
  created_by: z.string(),
});

export const NewSuppressionBody = z
  .strictObject({
    matcher: MatcherSchema,
    reason: z.string().min(1),
    starts_at: IsoTime.optional().describe("a maintenance window's start; default now"),
    expires_at: IsoTime.optional(),
    for: IsoDuration.optional().describe("instead of expires_at: how long from the start"),
  })
  .refine((b) => !(b.expires_at && b.for), "give expires_at or for, not both");

export const IntegrationSchema = z.object({
  id: z.string(),
  kind: z.enum(INTEGRATION_KINDS),
  name: z.string(),
  key_hint: z.string().describe("the key's last four characters"),
  mapping: z.record(z.string(), z.unknown()).nullable(),
  created_at: Time,
  created_by: z.string(),
  endpoint: z.string().describe("where the sender posts"),
});

export const CreatedIntegrationSchema = IntegrationSchema.extend({
  key: z
    .string()
    .describe("the integration key (PagerDuty routing key, Alertmanager bearer token); shown once"),
});

export const NewIntegrationBody = z.strictObject({
  kind: z.enum(INTEGRATION_KINDS),
  name: z.string().min(1).max(200),
  mapping: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("webhook only: the mapping document"),
});

export const PolicyOutcomeSchema = z.object({
  action: z.enum(["declared", "attached", "failed"]),
  policy: z.string(),
  rule: z.string().nullable(),
  alert_ids: z.array(z.string()),
  incident_id: z.string().nullable(),
  human_id: z.string().nullable(),
  reason: z.string().optional(),
});

export const IngestResultSchema = z.object({
  accepted: z.number().int().describe("events stored"),
  rejected: z
    .array(
      z.object({
        index: z.number().int().optional().describe("position among the JSON values read"),
        offset: z.number().int().optional().describe("character offset of a malformed part"),
        line: z.number().int().optional(),
        column: z.number().int().optional(),
        reason: z.string(),
      }),
    )
    .describe("the first 100 values or malformed parts not stored, each with its reason"),
  rejected_count: z.number().int().describe("how many values or malformed parts were not stored"),
  rejected_truncated: z.boolean().optional(),
  alerts: z.number().int().describe("alerts raised or updated by the batch"),
  incidents: z.array(PolicyOutcomeSchema),
});
