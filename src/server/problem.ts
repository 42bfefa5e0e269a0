import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { DomainError, type DomainErrorCode, type ErrorDetail } from "../domain/errors.js";
import { authChallenge } from "./http-auth.js";

/** HTTP status for each domain error code; the problem `type` is `/problems/<code>`. */
const STATUS: Record<DomainErrorCode, number> = {
  invalid_input: 400,
  invalid_document: 422,
  not_found: 404,
  conflict: 409,
  stale_version: 412,
  gate_blocked: 409,
  unauthenticated: 401,
  forbidden: 403,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  integrity_failed: 409,
  hash_mismatch: 422,
};

const TITLE: Record<DomainErrorCode, string> = {
  invalid_input: "Invalid request",
  invalid_document: "Invalid document",
  not_found: "Not found",
  conflict: "Conflict",
  stale_version: "Stale version",
  gate_blocked: "Phase gate blocked",
  unauthenticated: "Authentication required",
  forbidden: "Forbidden",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  rate_limited: "Too many requests",
  integrity_failed: "Stored bytes failed their integrity check",
  hash_mismatch: "File does not match its record",
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: ErrorDetail[];
  [extra: string]: unknown;
}

/** The HTTP status of a domain error code (every one is a 4xx: a DomainError is never a bug). */
export function statusOf(code: DomainErrorCode): number {
  return STATUS[code];
}

/** The domain error codes answered with an HTTP status (for the OpenAPI document's answers). */
export function codesWithStatus(status: number): DomainErrorCode[] {
  return (Object.keys(STATUS) as DomainErrorCode[]).filter((code) => STATUS[code] === status);
}

/**
 * The problem document of a domain error. Extra members come first, so that none of them can
 * replace a member RFC 9457 defines: an extra `status: "resolved"` once became the HTTP status
 * and Fastify answered 500 (FST_ERR_BAD_STATUS_CODE) instead of 409.
 */
export function problemFor(
  code: DomainErrorCode,
  detail: string,
  instance: string,
  errors: ErrorDetail[] = [],
  extra = {},
): Problem {
  return {
    ...extra,
    type: `/problems/${code}`,
    title: TITLE[code],
    status: STATUS[code],
    detail,
    instance,
    ...(errors.length > 0 ? { errors } : {}),
  };
}

/** Fastify's own errors that are the client's fault, by Fastify error code. */
const FASTIFY_CODES: Record<string, DomainErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_EMPTY_JSON_BODY: "invalid_input",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "invalid_input",
};

/**
 * PostgreSQL's answers for two transactions that crossed (SQLSTATE 40P01 deadlock, 40001
 * serialization failure): it rolled one back whole, so the request changed nothing and may be
 * sent again. Two opposite merges at once (A into B, B into A) end this way.
 */
const CROSSED_TRANSACTIONS = new Set(["40P01", "40001"]);

/** The one error handler: every failure leaves as RFC 9457 problem+json. */
export function sendProblem(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const instance = request.url;
  let problem: Problem;
  if (error instanceof DomainError) {
    problem = problemFor(error.code, error.message, instance, error.details, error.extra);
  } else if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((v) => ({
      message: v.message ?? "invalid",
      path: [error.validationContext, ...v.instancePath.split("/").filter(Boolean)].join("."),
    }));
    problem = problemFor(
      "invalid_input",
      "the request does not match its schema",
      instance,
      errors,
    );
  } else if ("code" in error && typeof error.code === "string" && FASTIFY_CODES[error.code]) {
    problem = problemFor(FASTIFY_CODES[error.code] as DomainErrorCode, error.message, instance);
  } else if ("code" in error && CROSSED_TRANSACTIONS.has(String(error.code))) {
    problem = problemFor(
      "conflict",
      "another change crossed this one and nothing was written; send it again",
      instance,
    );
  } else if ("statusCode" in error && error.statusCode === 400) {
    problem = problemFor("invalid_input", error.message, instance);
  } else {
    request.log.error({ err: error }, "unhandled error");
    problem = {
      type: "about:blank",
      title: "Internal Server Error",
      status: 500,
      detail: "an unexpected error occurred; it has been logged",
      instance,
    };
  }
  if (problem.status === 401) reply.header("www-authenticate", authChallenge(request));
  return reply.status(problem.status).type("application/problem+json").send(problem);
}
