import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { audit } from "../../audit/audit.service.js";
import { integrations } from "../../contract/integrations.js";
import {
  createIntegration,
  deleteIntegration,
  endpointOf,
} from "../../detection/integration.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";

/** Integrations: the external monitors allowed to send alerts, each with its own key. */
export const integrationRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["integrations"];
    // Keys that let monitors in are administration (auth/permissions.matrix.ts).
    const admin = { tags, config: { permission: "admin" as const } };
    // Senders reach the server at its public address, which only the server's settings know.
    const base = rt.config.publicUrl?.replace(/\/+$/, "");
    const urlOf = (endpoint: string) => (base ? `${base}${endpoint}` : null);

    serve(app, integrations.create, admin, async (req) => {
      const created = await createIntegration(rt, req.body, requestActor(req));
      await audit(rt, {
        actor: requestActor(req),
        action: "integration.created",
        target: created.id,
        ip: req.ip,
        // Never the key: it is shown once, to the caller.
        details: { kind: created.kind, name: created.name },
      });
      return { ...created, url: urlOf(created.endpoint) };
    });

    serve(app, integrations.list, { tags, config: { permission: "alerts:read" } }, async () => ({
      items: (await rt.detection.integrations.list()).map((i) => ({
        ...i,
        endpoint: endpointOf(i),
        url: urlOf(endpointOf(i)),
      })),
      next_cursor: null,
    }));

    serve(app, integrations.delete, admin, async (req) => {
      await deleteIntegration(rt, req.params.id);
      await audit(rt, {
        actor: requestActor(req),
        action: "integration.deleted",
        target: req.params.id,
        ip: req.ip,
      });
      return null;
    });
  };
