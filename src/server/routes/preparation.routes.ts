import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { preparation } from "../../contract/preparation.js";
import { getActivity, listActivities } from "../../preparation/activity.service.js";
import { logSourceCoverage } from "../../preparation/log-sources.js";
import { completeActivity } from "../../preparation/preparation.jobs.js";
import { readiness, readinessHistory } from "../../preparation/readiness.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";

/** The readiness programme (activities, completions) and the readiness score. */
export const preparationRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["preparation"];
    const read = { tags, config: { permission: "documents:read" as const } };

    serve(app, preparation.activities, read, async () => ({
      items: await listActivities(rt),
      next_cursor: null,
    }));

    serve(app, preparation.completions, read, async (req) => ({
      items: await rt.preparation.completions.list({ limit: req.query.limit }),
      next_cursor: null,
    }));

    serve(app, preparation.activity, read, async (req) => getActivity(rt, req.params.id));

    serve(
      app,
      preparation.complete,
      { tags, config: { permission: "incidents:write" } },
      async (req) => completeActivity(rt, req.params.id, req.body, requestActor(req)),
    );

    serve(app, preparation.readiness, read, async (req) => readiness(rt, req.query));

    serve(app, preparation.history, read, async (req) => ({
      items: await readinessHistory(rt, req.query),
      next_cursor: null,
    }));

    serve(app, preparation.logSources, read, async (req) =>
      logSourceCoverage(rt, req.query.window),
    );
  };
