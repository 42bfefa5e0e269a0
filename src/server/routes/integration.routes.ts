import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { audit } from "../../audit/audit.service.js";
import {
  createIntegration,
  deleteIntegration,
  endpointOf,
} from "../../detection/integration.service.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";
import {
  CreatedIntegrationSchema,
  IntegrationSchema,
  NewIntegrationBody,
} from "./alert.schemas.js";

const tags = ["integrations"];

/** Integrations: the external monitors allowed to send alerts, each with its own key. */
export const integrationRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/integrations",
      {
        // Keys that let monitors in are administration (auth/permissions.matrix.ts).
        config: { permission: "admin" },
        schema: {
          tags,
          description:
            "Create an integration. The answer carries its key once (PagerDuty routing key, Alertmanager bearer token); only a hash is stored.",
          body: NewIntegrationBody,
          response: { 201: CreatedIntegrationSchema },
        },
      },
      async (req, reply) => {
        const created = await createIntegration(rt, req.body, requestActor(req));
        await audit(rt, {
          actor: requestActor(req),
          action: "integration.created",
          target: created.id,
          ip: req.ip,
          // Never the key: it is shown once, to the caller.
          details: { kind: created.kind, name: created.name },
        });
        return reply.status(201).send(created);
      },
    );

    app.get(
      "/integrations",
      {
        config: { permission: "alerts:read" },
        schema: {
          tags,
          response: {
            200: z.object({ items: z.array(IntegrationSchema), next_cursor: z.null() }),
          },
        },
      },
      async () => ({
        items: (await rt.detection.integrations.list()).map((i) => ({
          ...i,
          endpoint: endpointOf(i),
        })),
        next_cursor: null,
      }),
    );

    app.delete(
      "/integrations/:id",
      {
        config: { permission: "admin" },
        schema: { tags, params: z.object({ id: z.string() }), response: { 204: z.null() } },
      },
      async (req, reply) => {
        await deleteIntegration(rt, req.params.id);
        await audit(rt, {
          actor: requestActor(req),
          action: "integration.deleted",
          target: req.params.id,
          ip: req.ip,
        });
        return reply.status(204).send(null);
      },
    );
  };
