import { z } from "zod";
import { IfMatch } from "./endpoint.js";

/**
 * Shapes shared by the records kept on an incident (evidence, indicators, assets, roles, clocks,
 * status updates): the incident they hang off, and their lists, which come whole.
 */

/** `{ id }` of the incident a record belongs to. */
export const IncidentRef = z.object({
  id: z.string().describe("incident id or human id such as INC-2026-0042"),
});

/** A change to an incident's records: the incident, on the version the caller saw (If-Match). */
export const onIncident = { params: IncidentRef, headers: IfMatch } as const;
