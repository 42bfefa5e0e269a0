import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { attack } from "../../contract/attack.js";
import { attackLayer } from "../../exchange/navigator.js";
import { techniqueMetrics } from "../../reports/technique-metrics.js";
import {
  addIncidentTechnique,
  listIncidentTechniques,
  removeIncidentTechnique,
} from "../../response/attack.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";
import { expectedVersion } from "./route-helpers.js";

/** ATT&CK techniques on incidents, Navigator layers over many, and technique metrics. */
export const attackRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["attack"];
    const read = { tags, config: { permission: "incidents:read" as const } };
    const write = { tags, config: { permission: "incidents:write" as const } };
    // Views across incidents, filtered by visibility like the response metrics.
    const across = { tags, config: { permission: "reports:read" as const } };

    serve(app, attack.list, read, async (req) => ({
      items: await listIncidentTechniques(rt, req.params.id, requestActor(req)),
      next_cursor: null,
    }));

    serve(app, attack.add, write, async (req) => ({
      items: await addIncidentTechnique(
        rt,
        req.params.id,
        req.body,
        requestActor(req),
        expectedVersion(req.headers),
      ),
      next_cursor: null,
    }));

    serve(app, attack.remove, write, async (req) => ({
      items: await removeIncidentTechnique(
        rt,
        req.params.id,
        { technique: req.params.technique, reason: req.body.reason },
        requestActor(req),
        expectedVersion(req.headers),
      ),
      next_cursor: null,
    }));

    serve(app, attack.layer, across, async (req, reply) => {
      const { incident, since, until } = req.query;
      const incidents = (incident ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const layer = await attackLayer(rt, { incidents, since, until }, requestActor(req));
      reply.header("content-disposition", 'attachment; filename="attack-layer.json"');
      return layer;
    });

    serve(app, attack.metrics, across, async (req) =>
      techniqueMetrics(rt, req.query, requestActor(req)),
    );
  };
