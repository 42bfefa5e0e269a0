import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listNotifications } from "../../comms/notification.service.js";
import {
  postStatusUpdate,
  statusUpdates,
} from "../../comms/status-updates/status-update.service.js";
import { getIncident } from "../../response/incident.service.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";
import {
  EscalationSchema,
  NotificationSchema,
  StatusUpdateBody,
  StatusUpdateResultSchema,
  StatusUpdatesSchema,
} from "./comms.schemas.js";
import { expectedVersion, IfMatch } from "./route-helpers.js";

const Params = z.object({ id: z.string().describe("incident id or human id") });
const tags = ["communications"];

/** Status updates, the delivery log and the escalation state of an incident. */
export const commsRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: "incidents:read" as const };
    const write = { permission: "incidents:write" as const };

    app.post(
      "/incidents/:id/updates",
      {
        config: write,
        schema: {
          tags,
          description:
            "Post a status update: the audience's template is filled in, recorded on the timeline and sent on the audience's channels; the audience's cadence restarts.",
          params: Params,
          headers: IfMatch,
          body: StatusUpdateBody,
          response: { 201: StatusUpdateResultSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await postStatusUpdate(
              rt,
              req.params.id,
              req.body,
              requestActor(req),
              expectedVersion(req.headers),
            ),
          ),
    );

    app.get(
      "/incidents/:id/updates",
      {
        config: read,
        schema: {
          tags,
          description: "Updates posted so far, and per audience when the next one is due.",
          params: Params,
          response: { 200: StatusUpdatesSchema },
        },
      },
      async (req) => statusUpdates(rt, req.params.id, requestActor(req)),
    );

    app.get(
      "/incidents/:id/notifications",
      {
        config: read,
        schema: {
          tags,
          description:
            "Every notification about the incident, oldest first, with its delivery log.",
          params: Params,
          response: {
            200: z.object({ items: z.array(NotificationSchema), next_cursor: z.null() }),
          },
        },
      },
      async (req) => {
        const incident = await getIncident(rt, req.params.id, requestActor(req));
        return {
          items: await listNotifications(rt, { incidentId: incident.id, limit: 10_000 }),
          next_cursor: null,
        };
      },
    );

    app.get(
      "/incidents/:id/escalation",
      {
        config: read,
        schema: {
          tags,
          description: "Where the incident's escalation path stands (null before it started).",
          params: Params,
          response: { 200: EscalationSchema.nullable() },
        },
      },
      async (req) => {
        const incident = await getIncident(rt, req.params.id, requestActor(req));
        return (await rt.escalations.get(incident.id)) ?? null;
      },
    );
  };
