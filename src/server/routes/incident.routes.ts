import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { visibleTo } from "../../auth/incident-visibility.js";
import type { IncidentPhase } from "../../domain/incident/phase.js";
import { blockingTasks } from "../../domain/incident/task.js";
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
import { requestActor } from "../request-actor.js";
import {
  ClassifyBody,
  DeclareBody,
  IncidentSchema,
  ListQuery,
  MergeBody,
  NewTaskBody,
  NoteBody,
  PhaseBody,
  ReasonBody,
  TaskPatchBody,
  TaskSchema,
  TimelineEntrySchema,
} from "./incident.schemas.js";
import { anchorInAudit } from "./incident-anchor.js";
import { commaList, expectedVersion, IfMatch } from "./route-helpers.js";

const Params = z.object({
  id: z.string().describe("incident id or human id such as INC-2026-0042"),
});
const TaskParams = Params.extend({ taskId: z.string() });
const tags = ["incidents"];

/** Incidents: declaration, classification, phases, tasks and the timeline. */
export const incidentRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: "incidents:read" as const };
    const write = { permission: "incidents:write" as const };

    app.post(
      "/incidents",
      { config: write, schema: { tags, body: DeclareBody, response: { 201: IncidentSchema } } },
      async (req, reply) =>
        reply.status(201).send(await declareIncident(rt, req.body, requestActor(req))),
    );

    app.get(
      "/incidents",
      {
        config: read,
        schema: {
          tags,
          querystring: ListQuery,
          response: {
            200: z.object({ items: z.array(IncidentSchema), next_cursor: z.string().nullable() }),
          },
        },
      },
      async (req) => {
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
      },
    );

    app.get(
      "/incidents/:id",
      {
        config: read,
        schema: {
          tags,
          params: Params,
          response: {
            200: IncidentSchema.extend({
              blocking_tasks: z.array(z.object({ id: z.string(), title: z.string() })),
            }),
          },
        },
      },
      async (req, reply) => {
        const incident = await getIncident(rt, req.params.id, requestActor(req));
        const tasks = await rt.incidents.tasks(incident.id);
        reply.header("etag", `"${incident.version}"`);
        const blocking =
          incident.phase === "closed" ? [] : blockingTasks(tasks, incident.phase as never);
        return { ...incident, blocking_tasks: blocking.map((t) => ({ id: t.id, title: t.title })) };
      },
    );

    app.patch(
      "/incidents/:id",
      {
        config: write,
        schema: {
          tags,
          params: Params,
          headers: IfMatch,
          body: ClassifyBody,
          response: { 200: IncidentSchema },
        },
      },
      async (req) =>
        classifyIncident(
          rt,
          req.params.id,
          req.body,
          requestActor(req),
          expectedVersion(req.headers),
        ),
    );

    app.post(
      "/incidents/:id/acknowledge",
      {
        config: write,
        schema: { tags, params: Params, headers: IfMatch, response: { 200: IncidentSchema } },
      },
      async (req) =>
        acknowledgeIncident(
          rt,
          req.params.id,
          requestActor(req),
          "api",
          expectedVersion(req.headers),
        ),
    );

    app.post(
      "/incidents/:id/advance",
      {
        config: write,
        schema: {
          tags,
          description:
            "Move to the next phase. 409 gate_blocked names the required tasks still open, unless the commander overrides with a reason, or the commander the plan requires at this severity (rule command.required_from).",
          params: Params,
          headers: IfMatch,
          body: PhaseBody.optional(),
          response: { 200: IncidentSchema },
        },
      },
      async (req) =>
        advancePhase(
          rt,
          req.params.id,
          req.body ?? {},
          requestActor(req),
          expectedVersion(req.headers),
        ),
    );

    app.post(
      "/incidents/:id/close",
      {
        config: write,
        schema: {
          tags,
          description:
            "Close after the post-incident work. 409 gate_blocked names required tasks still open and the post-incident work the plan requires at this severity (missing_obligations); override with a reason needs the close and override_gate authority.",
          params: Params,
          headers: IfMatch,
          body: PhaseBody.optional(),
          response: { 200: IncidentSchema },
        },
      },
      async (req) =>
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
    for (const [verb, audited, change] of [
      ["decline", "incident.declined", declineIncident],
      ["reopen", "incident.reopened", reopenIncident],
    ] as const)
      app.post(
        `/incidents/:id/${verb}`,
        {
          config: write,
          schema: {
            tags,
            params: Params,
            headers: IfMatch,
            body: ReasonBody,
            response: { 200: IncidentSchema },
          },
        },
        async (req) =>
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

    app.post(
      "/incidents/:id/merge",
      {
        config: write,
        schema: {
          tags,
          params: Params,
          headers: IfMatch,
          body: MergeBody,
          response: { 200: IncidentSchema },
        },
      },
      async (req) =>
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

    app.get(
      "/incidents/:id/tasks",
      {
        config: read,
        schema: {
          tags,
          params: Params,
          response: { 200: z.object({ items: z.array(TaskSchema), next_cursor: z.null() }) },
        },
      },
      async (req) => {
        const incident = await getIncident(rt, req.params.id, requestActor(req));
        return { items: await rt.incidents.tasks(incident.id), next_cursor: null };
      },
    );

    app.post(
      "/incidents/:id/tasks",
      {
        config: write,
        schema: {
          tags,
          params: Params,
          headers: IfMatch,
          body: NewTaskBody,
          response: { 201: TaskSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await addTask(
              rt,
              req.params.id,
              req.body,
              requestActor(req),
              expectedVersion(req.headers),
            ),
          ),
    );

    app.patch(
      "/incidents/:id/tasks/:taskId",
      {
        config: write,
        schema: {
          tags,
          params: TaskParams,
          headers: IfMatch,
          body: TaskPatchBody,
          response: { 200: TaskSchema },
        },
      },
      async (req) =>
        updateTask(
          rt,
          req.params.id,
          req.params.taskId,
          req.body,
          requestActor(req),
          expectedVersion(req.headers),
        ),
    );

    app.get(
      "/incidents/:id/timeline",
      {
        config: read,
        schema: {
          tags,
          params: Params,
          querystring: z.object({ after: z.coerce.number().int().min(0).optional() }),
          response: {
            200: z.object({ items: z.array(TimelineEntrySchema), next_cursor: z.null() }),
          },
        },
      },
      async (req) => ({
        items: await incidentTimeline(rt, req.params.id, requestActor(req), req.query.after),
        next_cursor: null,
      }),
    );

    app.post(
      "/incidents/:id/notes",
      {
        config: write,
        schema: {
          tags,
          params: Params,
          headers: IfMatch,
          body: NoteBody,
          response: { 201: IncidentSchema },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await addNote(
              rt,
              req.params.id,
              req.body,
              requestActor(req),
              expectedVersion(req.headers),
            ),
          ),
    );

    app.get(
      "/incidents/:id/timeline/verify",
      {
        config: read,
        schema: {
          tags,
          params: Params,
          response: {
            200: z.object({
              incident: z.string(),
              intact: z.boolean(),
              entries: z.number(),
              first_bad_seq: z.number().optional(),
              reason: z.string().optional(),
              differences: z
                .array(z.object({ field: z.string(), stored: z.unknown(), timeline: z.unknown() }))
                .optional()
                .describe("stored fields that are not what the timeline rebuilds"),
            }),
          },
        },
      },
      async (req) => verifyTimeline(rt, req.params.id, requestActor(req)),
    );
  };
