import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { roles } from "../../contract/roles.js";
import type { RoleAssignment } from "../../domain/incident/model.js";
import { assignRole, listRoles, releaseRole } from "../../response/role.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";
import { expectedVersion } from "./route-helpers.js";

const present = (r: RoleAssignment) => ({ ...r, current: r.ended_at === null });

/** Plan roles on an incident: assignments, handovers and their history. */
export const roleRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["roles"];
    const read = { tags, config: { permission: "incidents:read" as const } };
    const write = { tags, config: { permission: "incidents:write" as const } };

    serve(app, roles.list, read, async (req) => ({
      items: (await listRoles(rt, req.params.id, requestActor(req))).map(present),
      next_cursor: null,
    }));

    serve(app, roles.assign, write, async (req) =>
      present(
        await assignRole(
          rt,
          req.params.id,
          req.body,
          requestActor(req),
          expectedVersion(req.headers),
        ),
      ),
    );

    serve(app, roles.release, write, async (req) =>
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
