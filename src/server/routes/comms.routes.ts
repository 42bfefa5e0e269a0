import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listNotifications } from "../../comms/notification.service.js";
import {
  postStatusUpdate,
  statusUpdates,
} from "../../comms/status-updates/status-update.service.js";
import { comms } from "../../contract/comms.js";
import { escalation } from "../../contract/escalation.js";
import { getIncident } from "../../response/incident.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";
import { expectedVersion } from "./route-helpers.js";

/** Status updates, the delivery log and the escalation state of an incident. */
export const commsRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["communications"];
    const read = { tags, config: { permission: "incidents:read" as const } };
    const write = { tags, config: { permission: "incidents:write" as const } };

    serve(app, comms.postUpdate, write, async (req) =>
      postStatusUpdate(
        rt,
        req.params.id,
        req.body,
        requestActor(req),
        expectedVersion(req.headers),
      ),
    );

    serve(app, comms.updates, read, async (req) =>
      statusUpdates(rt, req.params.id, requestActor(req)),
    );

    serve(app, comms.notifications, read, async (req) => {
      const incident = await getIncident(rt, req.params.id, requestActor(req));
      return {
        items: await listNotifications(rt, { incidentId: incident.id, limit: 10_000 }),
        next_cursor: null,
      };
    });

    serve(app, escalation.get, read, async (req) => {
      const incident = await getIncident(rt, req.params.id, requestActor(req));
      return (await rt.escalations.get(incident.id)) ?? null;
    });
  };
