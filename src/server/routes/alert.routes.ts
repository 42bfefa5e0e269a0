import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { visibleTo } from "../../auth/incident-visibility.js";
import { alerts } from "../../contract/alerts.js";
import { suppressions } from "../../contract/suppressions.js";
import {
  acknowledgeAlert,
  attachAlerts,
  declareFromAlerts,
  getAlert,
  resolveAlert,
  suppressAlert,
} from "../../detection/alert.service.js";
import { createSuppression, deleteSuppression } from "../../detection/suppression.service.js";
import type { AlertSource, AlertStatus } from "../../domain/alert.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";
import { commaList } from "./route-helpers.js";

/** Alerts (the triage queue and its actions) and suppression rules. */
export const alertRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["alerts"];
    const read = { tags, config: { permission: "alerts:read" as const } };
    const write = { tags, config: { permission: "alerts:write" as const } };
    // Declaring or joining an incident is a change to incidents, whoever triages.
    const incidentWrite = { tags, config: { permission: "incidents:write" as const } };

    serve(app, alerts.list, read, async (req) => {
      const q = req.query;
      return rt.detection.alerts.list(
        {
          status: commaList(q.status) as AlertStatus[] | undefined,
          severity: commaList(q.severity),
          rule_id: commaList(q.rule),
          source: commaList(q.source) as AlertSource[] | undefined,
          incident_id: q.incident,
          triage: q.triage === "true",
          q: q.q,
          visibleTo: visibleTo(requestActor(req)),
        },
        q.limit,
        q.cursor,
      );
    });

    serve(app, alerts.get, read, async (req) => {
      const alert = await getAlert(rt, req.params.id, requestActor(req));
      const events = await rt.detection.events.forAlert(alert.id, 100);
      return { ...alert, events: events.items, events_total: events.total };
    });

    serve(app, alerts.acknowledge, write, async (req) =>
      acknowledgeAlert(rt, req.params.id, requestActor(req)),
    );

    serve(app, alerts.resolve, write, async (req) =>
      resolveAlert(rt, req.params.id, requestActor(req)),
    );

    serve(app, alerts.suppress, write, async (req) =>
      suppressAlert(rt, req.params.id, req.body, requestActor(req)),
    );

    serve(app, alerts.declare, incidentWrite, async (req) => {
      const { alerts: more = [], ...input } = req.body;
      const ids = [req.params.id, ...more];
      const incident = await declareFromAlerts(rt, ids, input, requestActor(req));
      return { incident, alert_ids: [...new Set(ids)] };
    });

    serve(app, alerts.attach, incidentWrite, async (req) => {
      const ids = [req.params.id, ...(req.body.alerts ?? [])];
      const incident = await attachAlerts(rt, ids, req.body.incident, requestActor(req));
      return { incident, alert_ids: [...new Set(ids)] };
    });

    serve(app, suppressions.list, read, async () => ({
      items: await rt.detection.suppressions.list(),
      next_cursor: null,
    }));

    serve(app, suppressions.create, write, async (req) =>
      createSuppression(rt, req.body, requestActor(req)),
    );

    serve(app, suppressions.delete, write, async (req) => {
      await deleteSuppression(rt, req.params.id);
      return null;
    });
  };
