import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { search } from "../../contract/search.js";
import { searchIncidents } from "../../response/search.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";

/** Full-text search across incidents, filtered by visibility in its query (docs/search.md). */
export const searchRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { tags: ["search"], config: { permission: "incidents:read" as const } };

    serve(app, search.incidents, read, async (req) => {
      const { exercise, ...query } = req.query;
      return searchIncidents(rt, requestActor(req), { ...query, exercise: exercise === "true" });
    });
  };
