import { z } from "zod";
import { isDuration } from "../domain/duration.js";

/**
 * Shapes shared by the detection resources (alerts, suppressions, events, receivers): the
 * entities an alert or event is about, what a declaration policy did with new alerts, and the
 * time and duration inputs of suppressing.
 */

/** A time the caller gives (Date.parse must read it); answers carry `Time` (endpoint.ts). */
export const IsoTime = z
  .string()
  .refine(
    (s) => !Number.isNaN(Date.parse(s)),
    "must be an ISO 8601 time such as 2026-11-23T08:30:00Z",
  );

export const IsoDuration = z
  .string()
  .refine(isDuration, "must be an ISO 8601 duration such as PT2H");

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

/** What a declaration policy did with alerts that arrived together. */
export const PolicyOutcomeSchema = z.object({
  action: z.enum(["declared", "attached", "failed"]),
  policy: z.string(),
  rule: z.string().nullable(),
  alert_ids: z.array(z.string()),
  incident_id: z.string().nullable(),
  human_id: z.string().nullable(),
  reason: z.string().optional(),
});

export type EntitiesView = z.output<typeof EntitiesSchema>;
export type PolicyOutcomeView = z.output<typeof PolicyOutcomeSchema>;
