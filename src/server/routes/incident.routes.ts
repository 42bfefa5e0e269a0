import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { visibleTo } from "../../auth/incident-visibility.js";
import { incidents } from "../../contract/incidents.js";
import { blockingTasks } from "../../domain/incident/gate.js";
import type { IncidentPhase } from "../../domain/incident/phase.js";
import {
  acknowledgeIncident,
  classifyIncident,
  declareIncident,
  getIncident,
} from "../../response/incident.service.js";
import {
  advancePhase,
  closeIncident,
  declineIncident,
  mergeIncident,
  reopenIncident,
} from "../../response/phase.service.js";
import { addTask, updateTask } from "../../response/task.service.js";
import { addNote, incidentTimeline, verifyTimeline } from "../../response/timeline.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";
import { anchorInAudit } from "./incident-anchor.js";
import { commaList, expectedVersion } from "./route-helpers.js";

/** Incidents: declaration, classification, phases, tasks and the timeline. */
export const incidentRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["incidents"];
    const read = { tags, config: { permission: "incidents:read" as const } };
    const write = { tags, config: { permission: "incidents:write" as const } };

    serve(app, incidents.declare, write, async (req) =>
      declareIncident(rt, req.body, requestActor(req)),
    );

    serve(app, incidents.list, read, async (req) => {
      const q = req.query;
      return rt.incidents.list(
        {
          phase: commaList(q.phase) as IncidentPhase[] | undefined,
          severity: commaList(q.severity),
          type: commaList(q.type),
          open: q.open === "true",
          exercise: q.exercise === "true",
          q: q.q,
          visibleTo: visibleTo(requestActor(req)),
        },
        q.limit,
        q.cursor,
      );
    });

    serve(app, incidents.get, read, async (req, reply) => {
      const incident = await getIncident(rt, req.params.id, requestActor(req));
      const tasks = await rt.incidents.tasks(incident.id);
      reply.header("etag", `"${incident.version}"`);
      const blocking =
        incident.phase === "closed" ? [] : blockingTasks(tasks, incident.phase as never);
      return { ...incident, blocking_tasks: blocking.map((t) => ({ id: t.id, title: t.title })) };
    });

    serve(app, incidents.classify, write, async (req) =>
      classifyIncident(
        rt,
        req.params.id,
        req.body,
        requestActor(req),
        expectedVersion(req.headers),
      ),
    );

    serve(app, incidents.acknowledge, write, async (req) =>
      acknowledgeIncident(
        rt,
        req.params.id,
        requestActor(req),
        "api",
        expectedVersion(req.headers),
      ),
    );

    serve(app, incidents.advance, write, async (req) =>
      advancePhase(
        rt,
        req.params.id,
        req.body ?? {},
        requestActor(req),
        expectedVersion(req.headers),
      ),
    );

    serve(app, incidents.close, write, async (req) =>
      anchorInAudit(
        rt,
        req,
        "incident.closed",
        await closeIncident(
          rt,
          req.params.id,
          req.body ?? {},
          requestActor(req),
          expectedVersion(req.headers),
        ),
      ),
    );

    // Declining and reopening take the same request (a reason, If-Match) and both end or restart
    // the incident, which the audit log anchors.
    for (const [endpoint, audited, change] of [
      [incidents.decline, "incident.declined", declineIncident],
      [incidents.reopen, "incident.reopened", reopenIncident],
    ] as const)
      serve(app, endpoint, write, async (req) =>
        anchorInAudit(
          rt,
          req,
          audited,
          await change(
            rt,
            req.params.id,
            req.body.reason,
            requestActor(req),
            expectedVersion(req.headers),
          ),
        ),
      );

    serve(app, incidents.merge, write, async (req) =>
      anchorInAudit(
        rt,
        req,
        "incident.merged",
        await mergeIncident(
          rt,
          req.params.id,
          req.body.into,
          req.body.reason,
          requestActor(req),
          expectedVersion(req.headers),
        ),
      ),
    );

    serve(app, incidents.tasks, read, async (req) => {
      const incident = await getIncident(rt, req.params.id, requestActor(req));
      return { items: await rt.incidents.tasks(incident.id), next_cursor: null };
    });

    serve(app, incidents.addTask, write, async (req) =>
      addTask(rt, req.params.id, req.body, requestActor(req), expectedVersion(req.headers)),
    );

    serve(app, incidents.updateTask, write, async (req) =>
      updateTask(
        rt,
        req.params.id,
        req.params.taskId,
        req.body,
        requestActor(req),
        expectedVersion(req.headers),
      ),
    );

    serve(app, incidents.timeline, read, async (req) => ({
      items: await incidentTimeline(rt, req.params.id, requestActor(req), req.query.after),
      next_cursor: null,
    }));

    serve(app, incidents.addNote, write, async (req) =>
      addNote(rt, req.params.id, req.body, requestActor(req), expectedVersion(req.headers)),
    );

    serve(app, incidents.verifyTimeline, read, async (req) =>
      verifyTimeline(rt, req.params.id, requestActor(req)),
    );
  };
