import { z } from "zod";
import { INDICATOR_TYPES } from "../domain/incident/indicator-types.js";
import { INCIDENT_PHASES } from "../domain/incident/phase.js";
import { endpoint, Time, whole } from "./endpoint.js";
import { IncidentRef, onIncident } from "./on-incident.js";

/**
 * Indicators of compromise on an incident, and the cross-incident "seen before?" lookup. Whether
 * a value is valid for its type is the use case's check (it needs the domain's parsers).
 */

const IndicatorSchema = z.object({
  id: z.string(),
  incident_id: z.string(),
  type: z.string(),
  value: z.string().describe("canonical form: refanged, lower-case where case does not matter"),
  description: z.string(),
  created_at: Time,
  created_by: z.string(),
});

const IndicatorBody = z.strictObject({
  type: z.enum(INDICATOR_TYPES),
  value: z
    .string()
    .max(5000)
    .describe("as found; defanged forms such as hxxp:// and [.] are accepted"),
  description: z.string().max(2000).optional(),
});

const AddedIndicatorSchema = IndicatorSchema.extend({
  created: z.boolean().describe("false when the incident already had it"),
});

const SightingSchema = z.object({
  indicator: IndicatorSchema,
  incident: z.object({
    id: z.string(),
    human_id: z.string(),
    title: z.string(),
    type: z.string(),
    severity: z.string(),
    phase: z.enum(INCIDENT_PHASES),
    declared_at: Time,
    restricted: z.boolean(),
    exercise: z.boolean(),
  }),
});

const LookupQuery = z.object({
  value: z.string().min(1).max(5000),
  type: z.enum(INDICATOR_TYPES).optional(),
  exercise: z.enum(["true", "false"]).optional().describe("include exercises"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const indicators = {
  list: endpoint({
    method: "GET",
    path: "/incidents/:id/indicators",
    params: IncidentRef,
    response: whole(IndicatorSchema),
  }),
  /** Answers 201 when added, 200 with `created: false` when the incident already had it. */
  add: endpoint({
    method: "POST",
    path: "/incidents/:id/indicators",
    description:
      "Adds an indicator, validated for its type and stored in canonical form. 201 when added; 200 with created: false when the incident already has it.",
    ...onIncident,
    body: IndicatorBody,
    response: AddedIndicatorSchema,
    status: 201,
  }),
  addMany: endpoint({
    method: "POST",
    path: "/incidents/:id/indicators/batch",
    description:
      "Adds many indicators at once: all valid ones are added, or — if any is invalid — none (400 naming each).",
    ...onIncident,
    body: z.strictObject({ items: z.array(IndicatorBody).min(1).max(1000) }),
    response: whole(AddedIndicatorSchema),
  }),
  lookup: endpoint({
    method: "GET",
    path: "/indicators",
    description:
      "Has this been seen before? The incidents carrying an indicator, newest first. Without a type the value is read under every type it fits; defanged values are accepted.",
    query: LookupQuery,
    response: z.object({
      query: z.string(),
      readings: z.array(z.object({ type: z.string(), value: z.string() })),
      items: z.array(SightingSchema),
      next_cursor: z.null(),
    }),
  }),
};

export type IndicatorView = z.output<typeof IndicatorSchema>;
export type AddedIndicatorView = z.output<typeof AddedIndicatorSchema>;
export type SightingView = z.output<typeof SightingSchema>;
export type IndicatorInput = z.input<typeof IndicatorBody>;
