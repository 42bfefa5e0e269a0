import type { FastifyError } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { presentedKey, requireIntegration } from "../../detection/integration.service.js";
import { receiveAlertmanager } from "../../detection/receivers/alertmanager.js";
import { receivePagerDuty } from "../../detection/receivers/pagerduty.js";
import { receiveWebhook } from "../../detection/receivers/webhook.js";
import { AlertmanagerNotification } from "../../domain/alertmanager-payload.js";
import { DomainError } from "../../domain/errors.js";
import type { Runtime } from "../../runtime.js";
import { INTEGRATION_KEY_SECURITY } from "../openapi-document.js";
import { PolicyOutcomeSchema } from "./alert.schemas.js";
import { ALERTMANAGER_FIRING, PAGERDUTY_TRIGGER } from "./receiver.examples.js";

const tags = ["receivers"];

const PagerDutyAnswer = z.object({
  status: z.string(),
  message: z.string(),
  dedup_key: z.string().optional(),
  errors: z.array(z.string()).optional(),
});

/**
 * Drop-in receivers for existing monitors. They are public routes: each authenticates the
 * sender with its integration's own key (the PagerDuty routing key in the body, a bearer token
 * for Alertmanager and webhooks), never with a Firebreak session.
 */
export const receiverRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/integrations/pagerduty/v2/enqueue",
      {
        config: { permission: "public" },
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
        schema: {
          tags,
          description:
            "PagerDuty Events API v2. Answers 202 {status, message, dedup_key}, or 400 {status: 'invalid event', message, errors} in PagerDuty's shape.",
          // The routing key in the body is the credential: no HTTP authentication scheme.
          security: [],
          body: z.unknown().meta({ examples: [PAGERDUTY_TRIGGER] }),
          response: { 202: PagerDutyAnswer, 400: PagerDutyAnswer, 500: PagerDutyAnswer },
        },
      },
      async (req, reply) => {
        const answer = await receivePagerDuty(rt, req.body);
        return reply.status(answer.status).send(answer.body);
      },
    );

    app.post(
      "/integrations/alertmanager",
      {
        config: { permission: "public" },
        schema: {
          tags,
          description:
            "Prometheus Alertmanager webhook (version 4). Authorization: Bearer <integration key> (or basic auth with the key as password).",
          security: INTEGRATION_KEY_SECURITY,
          body: AlertmanagerNotification.meta({ examples: [ALERTMANAGER_FIRING] }),
          response: {
            200: z.object({
              status: z.literal("success"),
              alerts: z.array(
                z.object({
                  fingerprint: z.string(),
                  status: z.string(),
                  action: z.string(),
                  alert_id: z.string().nullable(),
                }),
              ),
              incidents: z.array(PolicyOutcomeSchema),
            }),
          },
        },
      },
      async (req) => {
        const integration = await requireIntegration(rt, presentedKey(req.headers), "alertmanager");
        const { results, incidents } = await receiveAlertmanager(rt, integration, req.body);
        return { status: "success" as const, alerts: results, incidents };
      },
    );

    app.post(
      "/integrations/webhook/:integrationId",
      {
        // Items too deep are rejected one by one (receivers/webhook.ts), not the whole request.
        config: { permission: "public", ownBodyLimits: true },
        schema: {
          tags,
          description:
            "Generic JSON webhook mapped by the integration's mapping document. Authorization: Bearer <integration key> or X-Firebreak-Key.",
          security: INTEGRATION_KEY_SECURITY,
          params: z.object({ integrationId: z.string() }),
          body: z.unknown(),
          response: {
            202: z.object({
              status: z.literal("success"),
              results: z.array(
                z.object({
                  index: z.number().int(),
                  dedup_key: z.string().nullable(),
                  action: z.string(),
                  alert_id: z.string().nullable(),
                  reason: z.string().optional(),
                }),
              ),
              incidents: z.array(PolicyOutcomeSchema),
            }),
          },
        },
      },
      async (req, reply) => {
        const integration = await requireIntegration(
          rt,
          presentedKey(req.headers),
          "webhook",
          req.params.integrationId,
        );
        const { results, incidents } = await receiveWebhook(rt, integration, req.body);
        return reply.status(202).send({ status: "success" as const, results, incidents });
      },
    );
  };
