import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { safeEqual } from "../../auth/secrets.js";
import { DomainError, notFound } from "../../domain/errors.js";
import type { Telemetry } from "../../operations/telemetry.js";
import type { Runtime } from "../../runtime.js";

/**
 * Prometheus on the API port at `/api/v1/metrics/prometheus` (`/metrics` is the web's metrics
 * page), behind its own Bearer token (`FIREBREAK_METRICS_TOKEN`), since a scraper is neither a
 * user nor an API token's holder. Without the setting the route answers 404;
 * `FIREBREAK_METRICS_LISTEN` serves the same text at `/metrics` on an address of its own
 * instead (server/metrics-listener.ts).
 */
export const prometheusRoutes =
  (rt: Runtime, telemetry: Telemetry): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v1/metrics/prometheus",
      { config: { permission: "public" }, schema: { hide: true } },
      async (req, reply) => {
        const token = rt.config.metricsToken;
        if (!token) throw notFound("route", "/api/v1/metrics/prometheus");
        const [scheme, given = ""] = (req.headers.authorization ?? "").split(" ", 2);
        if (scheme?.toLowerCase() !== "bearer" || !safeEqual(given, token))
          throw new DomainError(
            "unauthenticated",
            "send FIREBREAK_METRICS_TOKEN as a Bearer token",
          );
        return reply.type(telemetry.contentType).send(await telemetry.text());
      },
    );
  };
