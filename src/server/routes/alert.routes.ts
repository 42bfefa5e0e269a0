import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { visibleTo } from "../../auth/incident-visibility.js";
import {
  acknowledgeAlert,
  attachAlerts,
  declareFromAlerts,
  getAlert,
  resolveAlert,
  suppressAlert,
} from "../../detection/alert.service.js";
import type { AlertSource, AlertStatus } from "../../detection/alert.types.js";
import { createSuppression, deleteSuppression } from "../../detection/suppression.service.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";
import {
  AlertDetailSchema,
  AlertListQuery,
  AlertSchema,
  AttachBody,
  DeclareFromAlertBody,
  IncidentOfAlerts,
  NewSuppressionBody,
  SuppressBody,
  SuppressionSchema,
} from "./alert.schemas.js";

const Params = z.object({ id: z.string() });
const tags = ["alerts"];
const list = (v: string | undefined) =>
  v
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/** Alerts (the triage queue and its actions) and suppression rules. */
export const alertRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: "alerts:read" as const };
    const write = { permission: "alerts:write" as const };
    const one = { tags, params: Params, response: { 200: AlertSchema } };

    app.get(
      "/alerts",
      {
        config: read,
        schema: {
          tags,
          querystring: AlertListQuery,
          response: {
            200: z.object({ items: z.array(AlertSchema), next_cursor: z.string().nullable() }),
          },
        },
      },
      async (req) => {
        const q = req.query;
        return rt.detection.alerts.list(
          {
            status: list(q.status) as AlertStatus[] | undefined,
            severity: list(q.severity),
            rule_id: list(q.rule),
            source: list(q.source) as AlertSource[] | undefined,
            incident_id: q.incident,
            triage: q.triage === "true",
            q: q.q,
            visibleTo: visibleTo(requestActor(req)),
          },
          q.limit,
          q.cursor,
        );
      },
    );

    app.get(
      "/alerts/:id",
      { config: read, schema: { tags, params: Params, response: { 200: AlertDetailSchema } } },
      async (req) => {
        const alert = await getAlert(rt, req.params.id, requestActor(req));
        const events = await rt.detection.events.forAlert(alert.id, 100);
        return { ...alert, events: events.items, events_total: events.total };
      },
    );

    app.post("/alerts/:id/acknowledge", { config: write, schema: one }, async (req) =>
      acknowledgeAlert(rt, req.params.id, requestActor(req)),
    );

    app.post("/alerts/:id/resolve", { config: write, schema: one }, async (req) =>
      resolveAlert(rt, req.params.id, requestActor(req)),
    );

    app.post(
      "/alerts/:id/suppress",
      { config: write, schema: { ...one, body: SuppressBody } },
      async (req) => suppressAlert(rt, req.params.id, req.body, requestActor(req)),
    );

    app.post(
      "/alerts/:id/declare",
      {
        config: { permission: "incidents:write" },
        schema: {
          tags,
          description:
            "Declare an incident from this alert (and others): they become its source alerts.",
          params: Params,
          body: DeclareFromAlertBody,
          response: { 201: IncidentOfAlerts },
        },
      },
      async (req, reply) => {
        const { alerts = [], ...input } = req.body;
        const ids = [req.params.id, ...alerts];
        const incident = await declareFromAlerts(rt, ids, input, requestActor(req));
        return reply.status(201).send({ incident, alert_ids: [...new Set(ids)] });
      },
    );

    app.post(
      "/alerts/:id/attach",
      {
        config: { permission: "incidents:write" },
        schema: {
          tags,
          description:
            "Attach this alert (and others) to an incident in progress; its timeline records it.",
          params: Params,
          body: AttachBody,
          response: { 200: IncidentOfAlerts },
        },
      },
      async (req) => {
        const ids = [req.params.id, ...(req.body.alerts ?? [])];
        const incident = await attachAlerts(rt, ids, req.body.incident, requestActor(req));
        return { incident, alert_ids: [...new Set(ids)] };
      },
    );

    app.get(
      "/suppressions",
      {
        config: read,
        schema: {
          tags,
          response: { 200: z.object({ items: z.array(SuppressionSchema), next_cursor: z.null() }) },
        },
      },
      async () => ({ items: await rt.detection.suppressions.list(), next_cursor: null }),
    );

    app.post(
      "/suppressions",
      {
        config: write,
        schema: {
          tags,
          description:
            "A known false positive or a maintenance window: matching new alerts arrive suppressed.",
          body: NewSuppressionBody,
          response: { 201: SuppressionSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createSuppression(rt, req.body, requestActor(req))),
    );

    app.delete(
      "/suppressions/:id",
      { config: write, schema: { tags, params: Params, response: { 204: z.null() } } },
      async (req, reply) => {
        await deleteSuppression(rt, req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
