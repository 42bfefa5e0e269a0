import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RoleAssignment } from "../../domain/incident/model.js";
import { assignRole, listRoles, releaseRole } from "../../response/role.service.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";
import { IncidentParams, RoleAssignmentSchema, RoleBody } from "./incident-extras.schemas.js";
import { expectedVersion, IfMatch } from "./route-helpers.js";

const tags = ["roles"];
const present = (r: RoleAssignment) => ({ ...r, current: r.ended_at === null });

/** Plan roles on an incident: assignments, handovers and their history. */
export const roleRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/incidents/:id/roles",
      {
        config: { permission: "incidents:read" },
        schema: {
          tags,
          description: "Every assignment, current and past (ended_at set), oldest first.",
          params: IncidentParams,
          response: {
            200: z.object({ items: z.array(RoleAssignmentSchema), next_cursor: z.null() }),
          },
        },
      },
      async (req) => ({
        items: (await listRoles(rt, req.params.id, requestActor(req))).map(present),
        next_cursor: null,
      }),
    );

    app.post(
      "/incidents/:id/roles",
      {
        config: { permission: "incidents:write" },
        schema: {
          tags,
          description:
            "Gives a plan role to a person from the plan's team. When someone holds it already this is a handover (role.handover on the timeline); the commander role also sets the incident's commander.",
          params: IncidentParams,
          headers: IfMatch,
          body: RoleBody,
          response: { 201: RoleAssignmentSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            present(
              await assignRole(
                rt,
                req.params.id,
                req.body,
                requestActor(req),
                expectedVersion(req.headers),
              ),
            ),
          ),
    );

    app.post(
      "/incidents/:id/roles/:assignmentId/release",
      {
        config: { permission: "incidents:write" },
        schema: {
          tags,
          description:
            "Ends an assignment without a successor. The commander is handed over instead, never released.",
          params: IncidentParams.extend({ assignmentId: z.string() }),
          headers: IfMatch,
          body: z.strictObject({ reason: z.string().max(2000).optional() }).optional(),
          response: { 200: RoleAssignmentSchema },
        },
      },
      async (req) =>
        present(
          await releaseRole(
            rt,
            req.params.id,
            req.params.assignmentId,
            req.body?.reason,
            requestActor(req),
            expectedVersion(req.headers),
          ),
        ),
    );
  };
