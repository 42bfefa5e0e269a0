import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { exchange } from "../../contract/exports.js";
import { MAX_MISP_EVENT_BYTES } from "../../domain/exchange.js";
import { exportIncident } from "../../exchange/export.service.js";
import { importMispEvent } from "../../exchange/misp-import.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";
import { expectedVersion } from "./route-helpers.js";

/** Exports of an incident for other tools, and the MISP event import (docs/exchange.md). */
export const exportRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["exchange"];

    serve(
      app,
      exchange.exportIncident,
      { tags, config: { permission: "incidents:read" } },
      async (req, reply) => {
        const out = await exportIncident(
          rt,
          req.params.id,
          req.query.format,
          requestActor(req),
          req.ip,
        );
        return reply
          .type(out.mediaType)
          .header("content-disposition", `attachment; filename="${out.filename}"`)
          .header("x-tlp", out.tlp)
          .send(JSON.stringify(out.document, null, 2));
      },
    );

    serve(
      app,
      exchange.importMisp,
      { tags, config: { permission: "incidents:write" }, bodyLimit: MAX_MISP_EVENT_BYTES },
      async (req) =>
        importMispEvent(
          rt,
          req.params.id,
          req.body,
          requestActor(req),
          expectedVersion(req.headers),
        ),
    );
  };
