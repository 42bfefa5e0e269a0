import { z } from "zod";
import { endpoint, Time, whole } from "./endpoint.js";
import { IncidentRef, onIncident } from "./on-incident.js";

/**
 * Plan roles on an incident: assignments, handovers and their history. Whether the role and the
 * person are in the plan is the use case's check.
 */

const RoleAssignmentSchema = z.object({
  id: z.string(),
  incident_id: z.string(),
  role: z.string(),
  person: z.string(),
  assigned_at: Time,
  assigned_by: z.string(),
  ended_at: Time.nullable(),
  current: z.boolean(),
});

const RoleBody = z.strictObject({
  role: z.string().describe("a role id from the incident's plan"),
  person: z.string().describe("a person id from the plan's team"),
  reason: z.string().max(2000).optional(),
  additional: z
    .boolean()
    .optional()
    .describe("add beside the current holders instead of handing over"),
});

export const roles = {
  list: endpoint({
    method: "GET",
    path: "/incidents/:id/roles",
    description: "Every assignment, current and past (ended_at set), oldest first.",
    params: IncidentRef,
    response: whole(RoleAssignmentSchema),
  }),
  assign: endpoint({
    method: "POST",
    path: "/incidents/:id/roles",
    description:
      "Gives a plan role to a person from the plan's team. When someone holds it already this is a handover (role.handover on the timeline); the commander role also sets the incident's commander.",
    ...onIncident,
    body: RoleBody,
    response: RoleAssignmentSchema,
    status: 201,
  }),
  release: endpoint({
    method: "POST",
    path: "/incidents/:id/roles/:assignmentId/release",
    description:
      "Ends an assignment without a successor. The commander is handed over instead, never released.",
    ...onIncident,
    params: IncidentRef.extend({ assignmentId: z.string() }),
    body: z.strictObject({ reason: z.string().max(2000).optional() }).optional(),
    response: RoleAssignmentSchema,
  }),
};

export type RoleAssignmentView = z.output<typeof RoleAssignmentSchema>;
export type RoleInput = z.input<typeof RoleBody>;
