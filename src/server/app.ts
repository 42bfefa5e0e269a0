import { randomUUID } from "node:crypto";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { DomainError } from "../domain/errors.js";
import { Telemetry } from "../operations/telemetry.js";
import type { Runtime } from "../runtime.js";
import { installAccess } from "./access.hook.js";
import { limitBodyDepth } from "./body-limits.js";
import { compressAnswers } from "./compression.js";
import { ingestionRateLimit, loggerOptions, securityHeaders, trustProxy } from "./hardening.js";
import "./permissions.js";
import { finishOpenApiDocument, SECURITY_SCHEMES } from "./openapi-document.js";
import { sendProblem } from "./problem.js";
import { RequestLog } from "./request-log.js";
import { openApiTransform, recordRoutes } from "./route-registry.js";
import { accountLinkRoutes } from "./routes/account-link.routes.js";
import { actionItemRoutes } from "./routes/action-item.routes.js";
import { alertRoutes } from "./routes/alert.routes.js";
import { assetRoutes } from "./routes/asset.routes.js";
import { attackRoutes } from "./routes/attack.routes.js";
import { auditRoutes } from "./routes/audit.routes.js";
import { changeRoutes } from "./routes/change.routes.js";
import { channelRoutes } from "./routes/channel.routes.js";
import { dashboardRoutes } from "./routes/dashboard.routes.js";
import { documentRoutes } from "./routes/document.routes.js";
import { escalationRoutes } from "./routes/escalation.routes.js";
import { eventRoutes } from "./routes/event.routes.js";
import { evidenceRoutes } from "./routes/evidence.routes.js";
import { evidenceFileRoutes } from "./routes/evidence-file.routes.js";
import { exportRoutes } from "./routes/export.routes.js";
import { healthRoutes } from "./routes/health.routes.js";
import { incidentRoutes } from "./routes/incident.routes.js";
import { indicatorRoutes } from "./routes/indicator.routes.js";
import { integrationRoutes } from "./routes/integration.routes.js";
import { oidcRoutes } from "./routes/oidc.routes.js";
import { onboardingRoutes } from "./routes/onboarding.routes.js";
import { preparationApi } from "./routes/preparation.api.js";
import { problemRoutes } from "./routes/problem.routes.js";
import { prometheusRoutes } from "./routes/prometheus.routes.js";
import { rcaRoutes } from "./routes/rca.routes.js";
import { receiverRoutes } from "./routes/receiver.routes.js";
import { reportRoutes } from "./routes/report.routes.js";
import { roleRoutes } from "./routes/role.routes.js";
import { searchRoutes } from "./routes/search.routes.js";
import { sessionRoutes } from "./routes/session.routes.js";
import { setupRoutes } from "./routes/setup.routes.js";
import { liveUpdates } from "./routes/stream.routes.js";
import { tokenRoutes } from "./routes/token.routes.js";
import { userRoutes } from "./routes/user.routes.js";
import { webRoutes } from "./web.js";

export type App = FastifyInstance;

export interface AppOptions {
  /** pino options, or false for no request logs (tests). Credentials are always redacted. */
  logger?: boolean | { level: string; stream?: NodeJS.WritableStream };
  /**
   * `enforce` (the default, and what `serve` uses): every non-public route needs a session or an
   * API token. `trust-local`: every request acts as the local operator (an admin) — only for the
   * CLI's in-process mode and tests, where the caller already owns the database file.
   */
  auth?: "enforce" | "trust-local";
  /** This process's Prometheus metrics, when the caller also serves them elsewhere. */
  telemetry?: Telemetry;
}

/** Builds the HTTP application over a runtime. Listening is the caller's business. */
export async function buildApp(rt: Runtime, options: AppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: loggerOptions(options.logger, rt.config.logLevel),
    trustProxy: trustProxy(rt.config.trustProxy),
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    // One line a request, and few for a flood of refusals (request-log.ts).
    logController: new RequestLog(() => rt.clock.now().getTime()),
    // Errors Fastify raises before routing (a path that is not valid percent-encoded UTF-8, such
    // as a lone surrogate's bytes) bypass the error handler unless given here: problem+json too.
    frameworkErrors: sendProblem,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(sendProblem);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      new DomainError("not_found", `no route ${request.method} ${request.url.split("?")[0]}`),
      request,
      reply,
    ),
  );
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  const telemetry = options.telemetry ?? new Telemetry(rt.operations, rt.clock);
  app.addHook("onResponse", async (request, reply) => {
    // The route's template, not its URL: one series per route however many incidents there are.
    const route = request.routeOptions.url ?? "unmatched";
    const status = `${Math.floor(reply.statusCode / 100)}xx`;
    telemetry.requestSeconds.observe(
      { method: request.method, route, status },
      reply.elapsedTime / 1000,
    );
  });

  // Before any route: every route is recorded, and every request passes the access hook.
  recordRoutes(app);
  securityHeaders(app, rt.config);
  // Before the access hook: a token already over its limit is refused without being looked up.
  await ingestionRateLimit(app, rt);
  installAccess(app, rt, options.auth ?? "enforce");
  limitBodyDepth(app);
  await compressAnswers(app);

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Firebreak API",
        version: "1",
        description:
          "Incident response plans and procedures, executed. Errors are RFC 9457 application/problem+json.",
        license: { name: "Apache-2.0", identifier: "Apache-2.0" },
      },
      servers: [{ url: rt.config.publicUrl ?? "/" }],
      // Here, not only in the finished document: routes that declare `security` are read with it.
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    transform: openApiTransform,
    transformObject: finishOpenApiDocument,
  });

  await app.register(liveUpdates(rt));
  await app.register(healthRoutes(rt));
  await app.register(prometheusRoutes(rt, telemetry));
  await app.register(sessionRoutes(rt), { prefix: "/api/v1" });
  await app.register(oidcRoutes(rt), { prefix: "/api/v1" });
  await app.register(tokenRoutes(rt), { prefix: "/api/v1" });
  await app.register(userRoutes(rt), { prefix: "/api/v1" });
  await app.register(setupRoutes(rt), { prefix: "/api/v1" });
  await app.register(accountLinkRoutes(rt), { prefix: "/api/v1" });
  await app.register(auditRoutes(rt), { prefix: "/api/v1" });
  await app.register(documentRoutes(rt), { prefix: "/api/v1" });
  await app.register(incidentRoutes(rt), { prefix: "/api/v1" });
  await app.register(escalationRoutes(rt), { prefix: "/api/v1" });
  await app.register(eventRoutes(rt, telemetry), { prefix: "/api/v1" });
  await app.register(alertRoutes(rt), { prefix: "/api/v1" });
  await app.register(integrationRoutes(rt), { prefix: "/api/v1" });
  await app.register(channelRoutes(rt), { prefix: "/api/v1" });
  await app.register(receiverRoutes(rt), { prefix: "/api/v1" });
  await app.register(changeRoutes(rt), { prefix: "/api/v1" });
  await app.register(evidenceRoutes(rt), { prefix: "/api/v1" });
  await app.register(evidenceFileRoutes(rt), { prefix: "/api/v1" });
  await app.register(indicatorRoutes(rt), { prefix: "/api/v1" });
  await app.register(attackRoutes(rt), { prefix: "/api/v1" });
  await app.register(searchRoutes(rt), { prefix: "/api/v1" });
  await app.register(exportRoutes(rt), { prefix: "/api/v1" });
  await app.register(dashboardRoutes(rt), { prefix: "/api/v1" });
  await app.register(assetRoutes(rt), { prefix: "/api/v1" });
  await app.register(roleRoutes(rt), { prefix: "/api/v1" });
  await app.register(problemRoutes(rt), { prefix: "/api/v1" });
  await app.register(rcaRoutes(rt), { prefix: "/api/v1" });
  await app.register(actionItemRoutes(rt), { prefix: "/api/v1" });
  await app.register(reportRoutes(rt), { prefix: "/api/v1" });
  await app.register(preparationApi(rt), { prefix: "/api/v1" });
  await app.register(onboardingRoutes(rt), { prefix: "/api/v1" });
  app.get(
    "/api/v1/openapi.json",
    { config: { permission: "public" }, schema: { hide: true } },
    async () => app.swagger(),
  );
  await app.register(webRoutes());
  return app;
}
