import { z } from "zod";
import { endpoint, Time, whole } from "./endpoint.js";
import { onIncident } from "./on-incident.js";

/**
 * MITRE ATT&CK on incidents (docs/attack.md): an incident's techniques (from its alerts' Sigma
 * tags, added or removed by hand with a reason), Navigator layers over many incidents, and the
 * techniques seen across the incidents of a period.
 */

const IncidentTechniqueSchema = z.object({
  id: z.string().describe('"T1059.001"'),
  name: z.string(),
  parent: z.string().nullable().describe('the technique of a sub-technique ("T1059"), else null'),
  tactics: z.array(z.string()).describe('tactic shortnames, e.g. "execution"'),
  alert_ids: z.array(z.string()).describe("alerts of the incident whose Sigma tags carried it"),
  by_hand: z.boolean().describe("added by hand (and not removed since)"),
});

const TechniqueParams = onIncident.params.extend({
  technique: z.string().max(20).describe('an ATT&CK technique id such as "T1059.001"'),
});

const Reason = z.string().min(1).max(2000).describe("why: written on the incident's timeline");

const Metadata = z.union([
  z.object({ name: z.string(), value: z.string() }),
  z.object({ divider: z.literal(true) }),
]);

/** The fields of an ATT&CK Navigator layer (format 4.5) that Firebreak writes. */
const NavigatorLayerSchema = z.object({
  name: z.string(),
  versions: z.object({ attack: z.string(), navigator: z.string(), layer: z.string() }),
  domain: z.literal("enterprise-attack"),
  description: z.string(),
  sorting: z.literal(3),
  layout: z.object({
    layout: z.literal("side"),
    showID: z.boolean(),
    showName: z.boolean(),
    expandedSubtechniques: z.literal("annotated"),
  }),
  hideDisabled: z.boolean(),
  techniques: z.array(
    z.object({
      techniqueID: z.string(),
      tactic: z.string().optional(),
      score: z.number().describe("how many of the layer's incidents saw it"),
      comment: z.string(),
      enabled: z.boolean(),
      metadata: z.array(Metadata),
    }),
  ),
  gradient: z.object({ colors: z.array(z.string()), minValue: z.number(), maxValue: z.number() }),
  legendItems: z.array(z.object({ label: z.string(), color: z.string() })),
  metadata: z.array(Metadata),
});

const Range = z.object({
  from: z.string().optional().describe("incidents declared at or after (ISO 8601 date or time)"),
  to: z.string().optional().describe("incidents declared before"),
});

const TechniqueMetricsSchema = z.object({
  from: Time.nullable(),
  to: Time.nullable(),
  generated_at: Time,
  incidents: z.number().describe("incidents counted: not exercises, declined or merged ones"),
  with_techniques: z.number(),
  techniques: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      parent: z.string().nullable(),
      tactics: z.array(z.string()),
      incidents: z.number(),
    }),
  ),
  by_tactic: z.array(
    z.object({
      tactic: z.string(),
      name: z.string(),
      incidents: z.number(),
      techniques: z.number(),
    }),
  ),
});

export const attack = {
  list: endpoint({
    method: "GET",
    path: "/incidents/:id/techniques",
    description:
      "The incident's ATT&CK techniques: those its alerts' Sigma tags name, plus those added by hand, minus those removed by hand; sorted by id.",
    params: onIncident.params,
    response: whole(IncidentTechniqueSchema),
  }),
  add: endpoint({
    method: "POST",
    path: "/incidents/:id/techniques",
    description:
      "Adds a technique by hand, with a reason (an attack.technique_added timeline entry). Adding one already added by hand changes nothing. Answers the incident's techniques.",
    ...onIncident,
    body: z.strictObject({ technique: TechniqueParams.shape.technique, reason: Reason }),
    response: whole(IncidentTechniqueSchema),
  }),
  /** A POST with a body rather than a DELETE: the removal carries its reason. */
  remove: endpoint({
    method: "POST",
    path: "/incidents/:id/techniques/:technique/remove",
    description:
      "Removes a technique by hand, with a reason (an attack.technique_removed timeline entry); it stays off even when alerts carrying it attach later, until added again. Answers the incident's techniques.",
    params: TechniqueParams,
    headers: onIncident.headers,
    body: z.strictObject({ reason: Reason }),
    response: whole(IncidentTechniqueSchema),
  }),
  /** Answered as a JSON attachment (`attack-layer.json`). */
  layer: endpoint({
    method: "GET",
    path: "/attack/layer",
    description:
      "An ATT&CK Navigator layer (format 4.5) over the named incidents, or over every incident declared in the period that the metrics count; each technique is scored by the number of incidents that saw it. Restricted incidents the caller does not take part in are left out (named: 404).",
    query: z.object({
      incident: z.string().max(5000).optional().describe("comma-separated incident ids"),
      since: z.string().optional().describe("declared at or after (ISO 8601 date or time)"),
      until: z.string().optional().describe("declared before"),
    }),
    response: NavigatorLayerSchema,
  }),
  metrics: endpoint({
    method: "GET",
    path: "/metrics/techniques",
    description:
      "ATT&CK techniques seen across the incidents of a period: how many incidents saw each technique and each tactic. The same incidents as the response metrics.",
    query: Range,
    response: TechniqueMetricsSchema,
  }),
};

export type IncidentTechniqueView = z.output<typeof IncidentTechniqueSchema>;
export type NavigatorLayerView = z.output<typeof NavigatorLayerSchema>;
export type TechniqueMetricsView = z.output<typeof TechniqueMetricsSchema>;
