import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { changes } from "../../contract/changes.js";
import { incidentChanges, listChanges } from "../../response/changes.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";

/** Change events and the ones before an incident (the receiver is in receiver.routes.ts). */
export const changeRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["changes"];

    serve(app, changes.list, { tags, config: { permission: "changes:read" } }, async (req) =>
      listChanges(rt, req.query),
    );

    serve(
      app,
      changes.beforeIncident,
      { tags, config: { permission: "incidents:read" } },
      async (req) => ({
        ...(await incidentChanges(rt, req.params.id, requestActor(req))),
        next_cursor: null,
      }),
    );
  };
