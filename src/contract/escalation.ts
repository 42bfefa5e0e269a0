import { z } from "zod";
import { endpoint, Time } from "./endpoint.js";
import { IncidentRef } from "./on-incident.js";

/** Where an incident's escalation path stands. */

const Position = z.object({ round: z.number(), step: z.number(), at: Time });

const EscalationSchema = z.object({
  incident_id: z.string(),
  run: z.number(),
  severity: z.string(),
  status: z.enum(["active", "acknowledged", "exhausted", "ended", "no_path"]),
  last: Position.nullable().describe("the last step paged (0-based round and step)"),
  next: Position.nullable().describe("the next step and when it is due"),
  started_at: Time,
  updated_at: Time,
});

export const escalation = {
  get: endpoint({
    method: "GET",
    path: "/incidents/:id/escalation",
    description: "Where the incident's escalation path stands (null before it started).",
    params: IncidentRef,
    response: EscalationSchema.nullable(),
  }),
};

export type EscalationView = z.output<typeof EscalationSchema>;
