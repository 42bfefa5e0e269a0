import { z } from "zod";
import { EXPORT_FORMAT_NAMES } from "../domain/exchange.js";
import { endpoint, Time } from "./endpoint.js";
import { IncidentRef, onIncident } from "./on-incident.js";

/**
 * Sharing an incident with other tools: exports (STIX 2.1, MISP, VERIS, ATT&CK Navigator) and
 * the import of a MISP event's attributes as indicators (docs/exchange.md).
 */

const ImportedIndicatorSchema = z.object({
  id: z.string(),
  incident_id: z.string(),
  type: z.string(),
  value: z.string(),
  description: z.string(),
  created_at: Time,
  created_by: z.string(),
  tags: z.array(z.string()).describe("the event's and the attribute's MISP tags"),
  created: z.boolean().describe("false when the incident already had it (its tags are added)"),
});

const SkippedAttributeSchema = z.object({
  attribute: z.string().describe("the attribute's uuid, or its place in the event"),
  type: z.string(),
  value: z.string(),
  reason: z.string(),
});

export const exchange = {
  /**
   * Answers the document itself as a JSON attachment (`<human_id>.<format>.json`), with no
   * response schema: each format has its own (the STIX 2.1 bundle, the MISP event, …).
   */
  exportIncident: endpoint({
    method: "GET",
    path: "/incidents/:id/export",
    description:
      "The incident in an exchange format, as a JSON attachment marked with its TLP (restricted incidents are TLP:RED). Each export is put on the audit record.",
    params: IncidentRef,
    query: z.object({ format: z.enum(EXPORT_FORMAT_NAMES) }),
  }),
  importMisp: endpoint({
    method: "POST",
    path: "/incidents/:id/indicators/misp",
    description:
      "Adds a MISP event's attributes (and its objects' attributes) as indicators, with their tags. Each attribute that has no Firebreak indicator type or an invalid value is skipped with its reason; the others are added.",
    ...onIncident,
    body: z.looseObject({}).describe('a MISP event: `{ "Event": { … } }` or the event itself'),
    response: z.object({
      event: z.object({ uuid: z.string().nullable(), info: z.string().nullable() }),
      imported: z.array(ImportedIndicatorSchema),
      skipped: z.array(SkippedAttributeSchema),
    }),
  }),
};

export type ImportedIndicatorView = z.output<typeof ImportedIndicatorSchema>;
