import type { SwaggerTransformObject } from "@fastify/swagger";
import type { Permission } from "../auth/permissions.matrix.js";
import { isIngestionRoute } from "./hardening.js";
import { CSRF_HEADER, SAFE_METHODS, SESSION_COOKIE } from "./http-auth.js";
import { codesWithStatus } from "./problem.js";

/**
 * Finishes the served OpenAPI document in one place, from what every route already declares
 * (its permission, method, path, parameters and body), so that a route written tomorrow gets
 * its security, its problem+json answers and an operation id without writing any of them:
 * tools (`redocly lint`, openapi-typescript, Swagger UI) then know how to authenticate and what
 * an error looks like. A route may still declare its own `operationId`, `summary` or
 * `security` (the receivers declare their integration key); those are kept.
 */

type SecurityRequirement = Record<string, string[]>;

interface Parameter {
  in: string;
  name: string;
}

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  security?: SecurityRequirement[];
  "x-permission"?: Permission;
}

interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>;
  components?: Record<string, Record<string, unknown> | undefined>;
  [member: string]: unknown;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export const SECURITY_SCHEMES = {
  bearerToken: {
    type: "http",
    scheme: "bearer",
    description:
      "An API token (`firebreak token create`, or POST /api/v1/tokens): `Authorization: Bearer <token>`. Its scope narrows what its owner's role allows.",
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description:
      "The browser session set by POST /api/v1/session (httpOnly, SameSite=Strict). Changes also need the CSRF header.",
  },
  csrfToken: {
    type: "apiKey",
    in: "header",
    name: CSRF_HEADER,
    description:
      "With the session cookie, every change (POST, PUT, PATCH, DELETE) carries the `csrf_token` the sign-in answered, from a same-origin page.",
  },
  integrationKey: {
    type: "http",
    scheme: "bearer",
    description:
      "A receiver's integration key (`firebreak integration create` prints it once): `Authorization: Bearer <key>`.",
  },
  integrationKeyBasic: {
    type: "http",
    scheme: "basic",
    description:
      "The integration key as the Basic password (any user name), for senders that only do Basic.",
  },
  integrationKeyHeader: {
    type: "apiKey",
    in: "header",
    name: "x-firebreak-key",
    description: "The integration key in the X-Firebreak-Key header.",
  },
} as const;

/** The `security` a receiver declares: its integration's key, presented any of three ways. */
export const INTEGRATION_KEY_SECURITY: SecurityRequirement[] = [
  { integrationKey: [] },
  { integrationKeyBasic: [] },
  { integrationKeyHeader: [] },
];

/** A session reads with its cookie alone; a change needs the CSRF header too (AND). */
const READ_SECURITY: SecurityRequirement[] = [{ bearerToken: [] }, { sessionCookie: [] }];
const CHANGE_SECURITY: SecurityRequirement[] = [
  { bearerToken: [] },
  { sessionCookie: [], csrfToken: [] },
];

/** RFC 9457 problem details, with the members Firebreak adds. */
const PROBLEM_SCHEMA = {
  type: "object",
  description:
    "RFC 9457 problem details (application/problem+json). Some problems carry extra members, e.g. a blocked phase gate names the open tasks.",
  required: ["type", "title", "status", "detail", "instance"],
  properties: {
    type: {
      type: "string",
      description: "`/problems/<code>`: the stable, machine-readable error code.",
      examples: ["/problems/not_found"],
    },
    title: { type: "string", description: "The code's short human title." },
    status: { type: "integer", minimum: 400, maximum: 599 },
    detail: { type: "string", description: "What went wrong with this request." },
    instance: { type: "string", description: "The request's path." },
    errors: {
      type: "array",
      description: "One entry per invalid field or document position.",
      items: {
        type: "object",
        required: ["message"],
        properties: {
          message: { type: "string" },
          path: {
            type: "string",
            description: "e.g. `body.severity`, `steps.containment[0].role`",
          },
          file: { type: "string" },
          line: { type: "integer" },
          column: { type: "integer" },
        },
      },
    },
  },
  additionalProperties: true,
};

const stringHeader = (description: string) => ({ description, schema: { type: "string" } });

/** Each problem answer the document uses, as a shared response component. */
const ANSWERS: Record<number, { name: string; description: string; headers?: object }> = {
  400: { name: "BadRequest", description: "The request does not match its schema." },
  401: {
    name: "Unauthenticated",
    description: "No valid credentials: sign in, or send an API token (or the integration key).",
    headers: {
      "WWW-Authenticate": stringHeader(
        '`Bearer realm="firebreak"` (RFC 6750), with `error="invalid_token"` when a token was refused.',
      ),
    },
  },
  403: {
    name: "Forbidden",
    description:
      "The caller's role or token scope lacks the operation's `x-permission`, or a session change came without its CSRF header.",
  },
  404: { name: "NotFound", description: "No such resource, or one the caller may not see." },
  409: {
    name: "Conflict",
    description: "The change conflicts with the current state (or a phase gate blocks it).",
  },
  412: {
    name: "PreconditionFailed",
    description: "`If-Match` names a version that is no longer the current one.",
  },
  413: { name: "PayloadTooLarge", description: "The request body is too large." },
  415: {
    name: "UnsupportedMediaType",
    description: "The request body's media type is not accepted.",
  },
  422: { name: "InvalidDocument", description: "The document does not load or does not lint." },
  429: {
    name: "TooManyRequests",
    description: "Rate limited.",
    headers: { "Retry-After": stringHeader("Seconds to wait before trying again.") },
  },
};

/** Problem answers a route's permission and method cannot tell, by `METHOD path`. */
const ALSO: Record<string, number[]> = {
  // Sign-in: wrong credentials, from another site's page, throttled after repeated failures.
  "POST /api/v1/session": [401, 403, 429],
  // First admin: a wrong setup code, set up already (or by a concurrent request), throttled.
  "POST /api/v1/setup": [403, 409, 429],
  // Choosing a password with a one-time link from another site's page.
  "POST /api/v1/account-links/{token}": [403],
};

function problemResponse(status: number) {
  const answer = ANSWERS[status] as (typeof ANSWERS)[number];
  const types = codesWithStatus(status).map((code) => `\`/problems/${code}\``);
  return {
    description: `${answer.description} Problem types: ${types.join(", ")}.`,
    ...(answer.headers ? { headers: answer.headers } : {}),
    content: {
      "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } },
    },
  };
}

/** The problem+json statuses an operation can answer, from what the route declares. */
export function problemStatuses(method: string, path: string, op: Operation): number[] {
  const permission = op["x-permission"];
  const open = permission === "public";
  const changes = !SAFE_METHODS.has(method.toUpperCase());
  const statuses = new Set<number>(ALSO[`${method.toUpperCase()} ${path}`]);
  if ((op.parameters?.length ?? 0) > 0 || op.requestBody) statuses.add(400);
  if (!open || (op.security?.length ?? 0) > 0) statuses.add(401);
  if (!open) statuses.add(403);
  if (path.includes("{")) statuses.add(404);
  if (changes && !open) statuses.add(409);
  if (op.parameters?.some((p) => p.in === "header" && p.name.toLowerCase() === "if-match"))
    statuses.add(412);
  if (op.requestBody) {
    statuses.add(413);
    statuses.add(415);
  }
  if (changes && (permission === "documents:write" || permission === "plans:approve"))
    statuses.add(422);
  if (isIngestionRoute(method.toUpperCase(), path, permission)) statuses.add(429);
  return [...statuses].sort((a, b) => a - b);
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A stable, readable id from the method and path: `GET /api/v1/incidents/{id}/timeline` →
 * `getIncidentsByIdTimeline`. Unique because method and path are (the API test checks it).
 */
export function operationIdFor(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, "/")
    .split("/")
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      const parts = (param?.[1] ?? segment).split(/[^A-Za-z0-9]+/).filter(Boolean);
      return [...(param ? ["By"] : []), ...parts.map(capitalise)];
    });
  return method.toLowerCase() + words.join("");
}

/** The description's first sentence when it is short, else the method and path. */
function summaryFor(method: string, path: string, description: string | undefined): string {
  const first = description?.split(/(?<=\.)\s|\n/)[0]?.replace(/\.$/, "");
  return first && first.length <= 100 ? first : `${method.toUpperCase()} ${path}`;
}

function finishOperation(method: string, path: string, op: Operation, used: Set<number>) {
  op.operationId ??= operationIdFor(method, path);
  op.summary ??= summaryFor(method, path, op.description);
  const open = op["x-permission"] === "public";
  op.security ??= open
    ? []
    : SAFE_METHODS.has(method.toUpperCase())
      ? READ_SECURITY
      : CHANGE_SECURITY;
  op.responses ??= {};
  const responses = op.responses;
  // A route that declares a 4xx answer of its own answers errors in its own shape (PagerDuty's).
  if (Object.keys(responses).some((status) => status.startsWith("4"))) return;
  for (const status of problemStatuses(method, path, op)) {
    responses[status] = { $ref: `#/components/responses/${ANSWERS[status]?.name}` };
    used.add(status);
  }
}

/** `transformObject` for @fastify/swagger: the finished document, served at /api/v1/openapi.json. */
export const finishOpenApiDocument: SwaggerTransformObject = (input) => {
  if (!("openapiObject" in input)) return input.swaggerObject;
  const doc = input.openapiObject as OpenApiDocument;
  const used = new Set<number>();
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const [method, op] of Object.entries(item))
      if (HTTP_METHODS.includes(method)) finishOperation(method, path, op, used);
  const responses = Object.fromEntries(
    [...used].sort().map((status) => [ANSWERS[status]?.name, problemResponse(status)]),
  );
  doc.components = {
    ...doc.components,
    schemas: { ...doc.components?.schemas, Problem: PROBLEM_SCHEMA },
    responses: { ...doc.components?.responses, ...responses },
  };
  return doc as ReturnType<SwaggerTransformObject>;
};
