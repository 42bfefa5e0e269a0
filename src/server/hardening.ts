import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from "fastify";
import type { Permission } from "../auth/permissions.matrix.js";
import { sha256 } from "../auth/secrets.js";
import type { Config } from "../config.js";
import { DomainError } from "../domain/errors.js";

/**
 * Defences that apply to every response or every ingestion route, whoever wrote the route:
 * security headers, log redaction and the per-token ingestion rate limit.
 */

/** Headers and paths that carry credentials; pino writes "[redacted]" in their place. */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  "headers.authorization",
  "headers.cookie",
  "body.password",
  "body.code",
  "password",
  "token",
];

/**
 * Paths that are themselves credentials until used or expired: one-time acknowledgement links
 * (`/api/v1/ack/<token>`), invitation and password-reset links (the page `/welcome/<token>` and
 * the API it calls, `/api/v1/account-links/<token>`). Request logs keep the route, not the token.
 */
const CAPABILITY_PATH = /^(\/api\/v1\/ack\/|\/api\/v1\/account-links\/|\/welcome\/)[^?#]*/;
/** The identity provider's answer (`code`, `state`) rides in the single sign-on callback's query. */
const CAPABILITY_QUERY = /^(\/api\/v1\/auth\/oidc\/callback\?).*/;

export function loggableUrl(url: string): string {
  return url.replace(CAPABILITY_PATH, "$1[redacted]").replace(CAPABILITY_QUERY, "$1[redacted]");
}

/** The request as logged: Fastify's default fields, with capability URLs redacted. */
const requestSerializer = (req: FastifyRequest) => ({
  method: req.method,
  url: loggableUrl(req.url),
  host: req.host,
  remoteAddress: req.ip,
  remotePort: req.socket?.remotePort,
});

/** Fastify logger options with credentials redacted. */
export function loggerOptions(
  logger: boolean | { level: string; stream?: NodeJS.WritableStream } | undefined,
  level: string,
): FastifyServerOptions["logger"] {
  if (logger === false) return false;
  const base = logger === undefined || logger === true ? { level } : logger;
  return {
    ...base,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    serializers: { req: requestSerializer },
  } as FastifyServerOptions["logger"];
}

/**
 * `trustProxy` as Fastify takes it: true, a list of addresses and CIDRs, or — for a hop count —
 * a function trusting that many proxies nearest to us.
 */
export function trustProxy(
  value: string | undefined,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return value.split(",").map((v) => v.trim());
}

/**
 * Security headers on every response that has not set its own (the web pages set a CSP fit for
 * pages; API answers get the strictest one, since they are data, never documents to render).
 */
export function securityHeaders(app: FastifyInstance, config: Config): void {
  const https = config.publicUrl?.startsWith("https:") ?? false;
  app.addHook("onSend", async (request, reply) => {
    const set = (name: string, value: string) => {
      if (!reply.hasHeader(name)) reply.header(name, value);
    };
    set("content-security-policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
    set("x-content-type-options", "nosniff");
    set("x-frame-options", "DENY");
    set("referrer-policy", "no-referrer");
    set("cross-origin-opener-policy", "same-origin");
    set("cross-origin-resource-policy", "same-origin");
    if (https || request.protocol === "https")
      set("strict-transport-security", "max-age=31536000; includeSubDomains");
    // Answers carry incident data: no shared cache, no browser disk cache.
    if (request.url.startsWith("/api/")) set("cache-control", "no-store");
  });
}

/**
 * Routes that take data from monitors and integrations: these are limited per token. Exported
 * for the OpenAPI document, which lists 429 on exactly these.
 */
export function isIngestionRoute(method: string, url: string, permission?: Permission): boolean {
  if (permission === "events:ingest") return true;
  return method === "POST" && permission === "public" && url.startsWith("/api/v1/integrations/");
}

function isIngestion(request: FastifyRequest): boolean {
  const { method, url = "", config } = request.routeOptions;
  return isIngestionRoute(String(method), url, config?.permission);
}

/** Who an ingestion request counts against: its token, user or integration key, else address. */
function ingestionKey(request: FastifyRequest): string {
  const p = request.principal;
  if (p?.token_id) return `token:${p.token_id}`;
  if (p?.user) return `user:${p.user.id}`;
  const auth = request.headers.authorization;
  if (auth) return `key:${sha256(auth)}`;
  const routingKey = (request.body as { routing_key?: unknown } | undefined)?.routing_key;
  if (typeof routingKey === "string") return `key:${sha256(routingKey)}`;
  return `ip:${request.ip}`;
}

/**
 * At most `config.ingestRateLimit` requests a minute per ingestion token (or integration key),
 * across all ingestion routes; past it, 429 with Retry-After. Counted in this process: behind a
 * load balancer with N nodes a token gets up to N times the limit.
 */
export async function ingestionRateLimit(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(rateLimit, { global: false });
  const limiter = app.createRateLimit({
    max: config.ingestRateLimit,
    timeWindow: 60_000,
    keyGenerator: ingestionKey,
  });
  app.addHook("preHandler", async (request, reply) => {
    if (!isIngestion(request)) return;
    const verdict = await limiter(request);
    if (verdict.isAllowed || !verdict.isExceeded) return;
    reply.header("retry-after", String(verdict.ttlInSeconds));
    throw new DomainError(
      "rate_limited",
      `more than ${verdict.max} requests a minute from this token; slow down`,
    );
  });
}
