import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { getActivity, listActivities } from "../../preparation/activity.service.js";
import { logSourceCoverage } from "../../preparation/log-sources.js";
import { completeActivity } from "../../preparation/preparation.jobs.js";
import { readiness, readinessHistory } from "../../preparation/readiness.service.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";
import {
  ActivitySchema,
  CompletionBody,
  CompletionSchema,
  HistoryQuery,
  ReadinessQuery,
  ReadinessSchema,
} from "./preparation.schemas.js";

const tags = ["preparation"];
const Params = z.object({ id: z.string().describe("the activity's id in the plan") });

/** The readiness programme (activities, completions) and the readiness score. */
export const preparationRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: "documents:read" as const };

    app.get(
      "/preparation",
      {
        config: read,
        schema: {
          tags,
          description: "The plan's preparation activities: when each is due, overdue or not.",
          response: { 200: z.object({ items: z.array(ActivitySchema), next_cursor: z.null() }) },
        },
      },
      async () => ({ items: await listActivities(rt), next_cursor: null }),
    );

    app.get(
      "/preparation/completions",
      {
        config: read,
        schema: {
          tags,
          description: "Every recorded completion and automatic check, newest first.",
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
          response: { 200: z.object({ items: z.array(CompletionSchema), next_cursor: z.null() }) },
        },
      },
      async (req) => ({
        items: await rt.preparation.completions.list({ limit: req.query.limit }),
        next_cursor: null,
      }),
    );

    app.get(
      "/preparation/:id",
      {
        config: read,
        schema: {
          tags,
          params: Params,
          response: { 200: ActivitySchema.extend({ history: z.array(CompletionSchema) }) },
        },
      },
      async (req) => getActivity(rt, req.params.id),
    );

    app.post(
      "/preparation/:id/completions",
      {
        config: { permission: "incidents:write" },
        schema: {
          tags,
          description:
            "Records that the activity was done, with its evidence; the next cycle counts from it.",
          params: Params,
          body: CompletionBody,
          response: {
            201: z.object({
              completion: CompletionSchema,
              activity: ActivitySchema.extend({ history: z.array(CompletionSchema) }),
              readiness_score: z.number(),
            }),
          },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await completeActivity(rt, req.params.id, req.body, requestActor(req))),
    );

    app.get(
      "/readiness",
      {
        config: read,
        schema: {
          tags,
          description:
            "The readiness score (0–100) now, with every part and the reasons it loses points.",
          querystring: ReadinessQuery,
          response: { 200: ReadinessSchema },
        },
      },
      async (req) => readiness(rt, req.query),
    );

    app.get(
      "/readiness/history",
      {
        config: read,
        schema: {
          tags,
          description: "Stored readiness snapshots, oldest first (for the dashboard's chart).",
          querystring: HistoryQuery,
          response: {
            200: z.object({
              items: z.array(
                z.looseObject({
                  taken_at: z.string(),
                  score: z.number(),
                  plan_version: z.number(),
                  components: z.array(z.looseObject({ id: z.string(), score: z.number() })),
                }),
              ),
              next_cursor: z.null(),
            }),
          },
        },
      },
      async (req) => ({ items: await readinessHistory(rt, req.query), next_cursor: null }),
    );

    app.get(
      "/readiness/log-sources",
      {
        config: read,
        schema: {
          tags,
          description: "Log sources the detection rules need against the events received.",
          querystring: z.object({ window: z.string().default("P7D") }),
          response: { 200: z.looseObject({ needed: z.number(), seen: z.number() }) },
        },
      },
      async (req) => logSourceCoverage(rt, req.query.window),
    );
  };
