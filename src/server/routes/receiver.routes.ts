import type { FastifyError } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { receivers } from "../../contract/receivers.js";
import { presentedKey, requireIntegration } from "../../detection/integration.service.js";
import { receiveAlertmanager } from "../../detection/receivers/alertmanager.js";
import { receivePagerDuty } from "../../detection/receivers/pagerduty.js";
import { receiveWebhook } from "../../detection/receivers/webhook.js";
import { DomainError } from "../../domain/errors.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { INTEGRATION_KEY_SECURITY } from "../openapi-document.js";

/**
 * Drop-in receivers for existing monitors. They are public routes: each authenticates the
 * sender with its integration's own key (the PagerDuty routing key in the body, a bearer token
 * for Alertmanager and webhooks), never with a Firebreak session.
 */
export const receiverRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["receivers"];
    const keyed = {
      tags,
      config: { permission: "public" as const },
      security: INTEGRATION_KEY_SECURITY,
    };

    serve(
      app,
      receivers.pagerDuty,
      {
        tags,
        config: { permission: "public" },
        // The routing key in the body is the credential: no HTTP authentication scheme.
        security: [],
        bodyLimit: 512 * 1024,
        // PagerDuty senders parse PagerDuty's error shape, so this route answers in it — the one
        // exception to problem+json (docs/detection.md).
        errorHandler: (error: FastifyError, request, reply) => {
          // A DomainError is the sender's fault by definition (it carries no statusCode).
          const status =
            error instanceof DomainError || (error.statusCode && error.statusCode < 500)
              ? 400
              : 500;
          if (status === 500) request.log.error({ err: error }, "PagerDuty receiver failed");
          return reply.status(status).send({
            status: status === 400 ? "invalid event" : "error",
            message: status === 400 ? "Event object is invalid" : "Internal error; retry later",
            errors: status === 400 ? [error.message] : [],
          });
        },
      },
      async (req, reply) => {
        const answer = await receivePagerDuty(rt, req.body);
        return reply.status(answer.status).send(answer.body);
      },
    );

    serve(app, receivers.alertmanager, keyed, async (req) => {
      const integration = await requireIntegration(rt, presentedKey(req.headers), "alertmanager");
      const { results, incidents } = await receiveAlertmanager(rt, integration, req.body);
      return { status: "success" as const, alerts: results, incidents };
    });

    serve(
      app,
      receivers.webhook,
      // Items too deep are rejected one by one (receivers/webhook.ts), not the whole request.
      { ...keyed, config: { permission: "public", ownBodyLimits: true } },
      async (req) => {
        const integration = await requireIntegration(
          rt,
          presentedKey(req.headers),
          "webhook",
          req.params.integrationId,
        );
        const { results, incidents } = await receiveWebhook(rt, integration, req.body);
        return { status: "success" as const, results, incidents };
      },
    );
  };
