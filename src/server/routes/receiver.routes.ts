import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { receivers } from "../../contract/receivers.js";
import { presentedKey, requireIntegration } from "../../detection/integration.service.js";
import { receiveAlertmanager } from "../../detection/receivers/alertmanager.js";
import { receiveGrafana } from "../../detection/receivers/grafana.js";
import { receivePagerDuty } from "../../detection/receivers/pagerduty.js";
import { receivePagerDutyChange } from "../../detection/receivers/pagerduty-change.js";
import { receiveWebhook } from "../../detection/receivers/webhook.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { INTEGRATION_KEY_SECURITY } from "../openapi-document.js";
import { pagerDutyErrorHandler } from "./pagerduty-errors.js";

/**
 * Drop-in receivers for existing monitors. They are public routes: each authenticates the
 * sender with its integration's own key (the PagerDuty routing key in the body, a bearer token
 * for Alertmanager, Grafana and webhooks), never with a Firebreak session.
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

    // Events API v2 and change events: the routing key in the body is the credential (no HTTP
    // authentication scheme); the same limits and PagerDuty-shaped answers for both.
    const routingKeyed = {
      tags,
      config: { permission: "public" as const },
      security: [],
      bodyLimit: 512 * 1024,
      errorHandler: pagerDutyErrorHandler,
    };
    serve(app, receivers.pagerDuty, routingKeyed, async (req, reply) => {
      const answer = await receivePagerDuty(rt, req.body);
      return reply.status(answer.status).send(answer.body);
    });
    serve(app, receivers.pagerDutyChange, routingKeyed, async (req, reply) => {
      const answer = await receivePagerDutyChange(rt, req.body);
      return reply.status(answer.status).send(answer.body);
    });

    serve(app, receivers.alertmanager, keyed, async (req) => {
      const integration = await requireIntegration(rt, presentedKey(req.headers), "alertmanager");
      const { results, incidents } = await receiveAlertmanager(rt, integration, req.body);
      return { status: "success" as const, alerts: results, incidents };
    });

    serve(app, receivers.grafana, keyed, async (req) => {
      const integration = await requireIntegration(rt, presentedKey(req.headers), "grafana");
      const { results, incidents } = await receiveGrafana(rt, integration, req.body);
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
