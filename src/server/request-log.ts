import { type FastifyReply, type FastifyRequest, LogController } from "fastify";
import { RejectionAudit } from "./rejection-audit.js";

/**
 * The request log: one line a request, written when its answer is sent (method, URL, address,
 * status, time), instead of Fastify's two (its "incoming request" line is kept for the debug
 * level). Requests refused by the rate limit (429) are logged ten a minute per address at the
 * most, the next line saying how many went unlogged before it.
 *
 * Why: a refusal costs the server a few microseconds, but its log lines cost more than the
 * refusal, and pino writes them to stdout synchronously — when the pipe to a slow log collector
 * is full, the whole event loop waits on it (sonic-boom sleeps 100 ms per EAGAIN), health checks
 * included. A flood of refused requests must not become a flood of log writes.
 */
export class RequestLog extends LogController {
  readonly #refusals: RejectionAudit;

  constructor(now: () => number) {
    super();
    this.#refusals = new RejectionAudit(now);
  }

  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.debug({ req: request }, "incoming request");
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    let unlogged = 0;
    if (reply.statusCode === 429) {
      const { audit: log, unwritten } = this.#refusals.take(request.ip);
      if (!log) return;
      unlogged = unwritten;
    }
    const line = {
      req: request,
      res: reply,
      responseTime: reply.elapsedTime,
      ...(unlogged > 0 ? { unlogged_refusals_before: unlogged } : {}),
    };
    if (error) reply.log.error({ ...line, err: error }, "request errored");
    else reply.log.info(line, "request completed");
  }
}
