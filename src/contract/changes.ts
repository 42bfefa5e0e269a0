import { z } from "zod";
import { IsoTime } from "./detection.js";
import { endpoint, page, Time } from "./endpoint.js";
import { IncidentRef } from "./on-incident.js";

/**
 * Change events (deploys, configuration changes) sent by monitors and pipelines, and the ones
 * before an incident. The receiver is `receivers.pagerDutyChange` (PagerDuty's own shapes).
 */

const ChangeSchema = z.object({
  id: z.string(),
  integration_id: z.string(),
  summary: z.string(),
  source: z.string().nullable(),
  timestamp: Time.describe("the change's own time, or its arrival when the sender gave none"),
  received_at: Time,
  custom_details: z.record(z.string(), z.unknown()).nullable(),
  links: z.array(
    z.object({
      href: z.string().describe("as the sender gave it: show it as a link only if http(s)"),
      text: z.string().nullable(),
    }),
  ),
  targets: z
    .array(z.string())
    .describe("the names it touches, lower case: its source and details' service and host"),
  dedup_key: z.string(),
});

const ListQuery = z.object({
  since: IsoTime.optional().describe("changes at or after this time"),
  until: IsoTime.optional().describe("changes at or before this time"),
  service: z.string().max(300).optional().describe("changes touching this service or host name"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});

const ChangesBeforeSchema = z.object({
  items: z.array(ChangeSchema).describe("newest first, at most 200"),
  next_cursor: z.null(),
  anchor: Time.describe("the incident's first activity, or its declaration when that is unknown"),
  from: Time.describe("the window's start: FIREBREAK_CHANGE_WINDOW before the anchor"),
  targets: z
    .array(z.string())
    .describe("the incident's names matched (assets, service attributes), lower case"),
});

export const changes = {
  list: endpoint({
    method: "GET",
    path: "/changes",
    description: "Change events from every integration, newest first by the change's time.",
    query: ListQuery,
    response: page(ChangeSchema),
  }),
  beforeIncident: endpoint({
    method: "GET",
    path: "/incidents/:id/changes",
    description:
      "The changes that touch the incident's assets or services in the hours before its first activity (docs/integrations.md).",
    params: IncidentRef,
    response: ChangesBeforeSchema,
  }),
};

export type ChangeView = z.output<typeof ChangeSchema>;
export type ChangesBeforeView = z.output<typeof ChangesBeforeSchema>;
