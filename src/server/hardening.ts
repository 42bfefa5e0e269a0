import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from "fastify";
import type { Permission } from "../auth/permissions.matrix.js";
import { sha256 } from "../auth/secrets.js";
import type { Config } from "../config.js";
import { presentedKey } from "../detection/integration.service.js";
import { DomainError } from "../domain/errors.js";
import type { Runtime } from "../runtime.js";
import { readCookie, SESSION_COOKIE } from "./http-auth.js";
import { memoryRateLimitStore, OverLimitKeys } from "./rate-limit-store.js";
import { postgresRateLimitStore } from "./rate-limit-store.pg.js";

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

declare module "fastify" {
  interface FastifyRequest {
    /** SHA-256 of the credential an ingestion request presents in its headers, if any. */
    ingestionCredential?: string;
  }
}

/**
 * The credential an ingestion request presents in its headers: an API token or integration key
 * (Bearer, Basic's password, X-Firebreak-Key), else the session cookie. Read the way the
 * receivers read keys, so that one key sent in two header forms is one credential.
 */
function headerCredential(request: FastifyRequest): string | undefined {
  return presentedKey(request.headers) || readCookie(request, SESSION_COOKIE);
}

/**
 * Who a request counts against. A signed-in caller (ingestion token, session) counts against
 * its token or user, established by the access hook: an unknown token is refused there (401)
 * and counts against nobody. The receivers' integration keys are checked by the route itself,
 * after this, so they count against the key presented: a made-up key only spends its own
 * budget. A PagerDuty routing key rides in the body; with no credential at all, the address.
 */
function ingestionKey(request: FastifyRequest): string {
  const p = request.principal;
  if (p?.token_id) return `token:${p.token_id}`;
  if (p?.user) return `user:${p.user.id}`;
  if (request.ingestionCredential) return `key:${request.ingestionCredential}`;
  const routingKey = (request.body as { routing_key?: unknown } | undefined)?.routing_key;
  if (typeof routingKey === "string") return `key:${sha256(routingKey)}`;
  return `ip:${request.ip}`;
}

/**
 * At most `config.ingestRateLimit` requests a minute per ingestion token (or integration key),
 * across all ingestion routes; past it, 429 with Retry-After. On PostgreSQL the counters are in
 * the database, shared by every node; on SQLite (one process) in memory. Refusals are cheap,
 * since a flood of them is what a limit meets: a credential found over its limit is refused by
 * this node from then until its window ends in the first hook, before the access check, any
 * database query or reading the body. Register before the access hook (`installAccess`).
 */
export async function ingestionRateLimit(app: FastifyInstance, rt: Runtime): Promise<void> {
  // Other routes' own limits (e.g. channel tests) use @fastify/rate-limit's in-process counters.
  await app.register(rateLimit, { global: false });
  const max = rt.config.ingestRateLimit;
  const now = () => rt.clock.now().getTime();
  const store =
    rt.db.dialect === "postgres" ? postgresRateLimitStore(rt.db.kysely) : memoryRateLimitStore(now);
  const overLimit = new OverLimitKeys(now);
  const refuse = (reply: FastifyReply, msLeft: number) => {
    reply.header("retry-after", String(Math.max(1, Math.ceil(msLeft / 1000))));
    return new DomainError(
      "rate_limited",
      `more than ${max} requests a minute from this token; slow down`,
    );
  };
  const count = async (request: FastifyRequest, reply: FastifyReply) => {
    const { count, resetInMs } = await store.hit(ingestionKey(request));
    if (count <= max) return;
    if (request.ingestionCredential) overLimit.add(request.ingestionCredential, resetInMs);
    throw refuse(reply, resetInMs);
  };

  app.addHook("onRequest", async (request, reply) => {
    if (!isIngestion(request)) return;
    const credential = headerCredential(request);
    if (!credential) return;
    request.ingestionCredential = sha256(credential);
    const msLeft = overLimit.msLeft(request.ingestionCredential);
    if (msLeft > 0) throw refuse(reply, msLeft);
  });
  // After every onRequest hook (the access hook has named the caller), before the body is read.
  app.addHook("preParsing", async (request, reply) => {
    if (request.ingestionCredential && isIngestion(request)) await count(request, reply);
  });
  // A request whose only credential is in its body is counted once the body is parsed.
  app.addHook("preHandler", async (request, reply) => {
    if (!request.ingestionCredential && isIngestion(request)) await count(request, reply);
  });
}
