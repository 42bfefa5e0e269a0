import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Runtime } from "../../runtime.js";
import { checkReady } from "../../store/connect.js";

const Health = z.object({ status: z.enum(["ok", "unavailable"]), reason: z.string().optional() });

/** `/healthz`: the process answers. `/readyz`: the database answers and is migrated. */
export const healthRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/healthz",
      { config: { permission: "public" }, schema: { tags: ["health"], response: { 200: Health } } },
      async () => ({
        status: "ok" as const,
      }),
    );
    app.get(
      "/readyz",
      {
        config: { permission: "public" },
        schema: { tags: ["health"], response: { 200: Health, 503: Health } },
      },
      async (_req, reply) => {
        const ready = await checkReady(rt.db);
        if (ready.ok) return { status: "ok" as const };
        return reply.status(503).send({ status: "unavailable" as const, reason: ready.reason });
      },
    );
  };
