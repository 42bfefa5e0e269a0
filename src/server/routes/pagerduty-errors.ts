import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { DomainError } from "../../domain/errors.js";
import { sendProblem } from "../problem.js";

/**
 * PagerDuty senders parse PagerDuty's error shape, so the PagerDuty receivers (Events API v2 and
 * Change Events) answer in it — the one exception to problem+json (docs/detection.md). A
 * DomainError is the sender's fault by definition (it carries no statusCode).
 */
export function pagerDutyErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  // Over the rate limit is not an invalid event: 429 (problem+json with Retry-After, as on every
  // ingestion route), which senders retry later, never a 400 that makes them drop the event.
  if (error instanceof DomainError && error.code === "rate_limited")
    return sendProblem(error, request, reply);
  const status =
    error instanceof DomainError || (error.statusCode && error.statusCode < 500) ? 400 : 500;
  if (status === 500) request.log.error({ err: error }, "PagerDuty receiver failed");
  return reply.status(status).send({
    status: status === 400 ? "invalid event" : "error",
    message: status === 400 ? "Event object is invalid" : "Internal error; retry later",
    errors: status === 400 ? [error.message] : [],
  });
}
