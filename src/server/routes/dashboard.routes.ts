import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { dashboard } from "../../contract/dashboard.js";
import { dashboard as readDashboard } from "../../response/dashboard.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";

/** The dashboard's one request. */
export const dashboardRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    serve(
      app,
      dashboard.get,
      { tags: ["incidents"], config: { permission: "incidents:read" } },
      async (req) => readDashboard(rt, requestActor(req)),
    );
  };
