import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { audit } from "../../audit/audit.service.js";
import { testChannel } from "../../comms/channel-test.service.js";
import { createChannels } from "../../comms/channels/channels.js";
import { channels } from "../../contract/channels.js";
import { DomainError } from "../../domain/errors.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";

/** Test messages a minute per caller: enough to fix a channel by trial, too few to spam with. */
export const CHANNEL_TESTS_PER_MINUTE = 10;

/** A target fit for the audit log: a URL's origin only (Slack-style URLs carry a token). */
function targetForRecord(target: string): string {
  if (!/^https?:\/\//i.test(target)) return target;
  try {
    return new URL(target).origin;
  } catch {
    return "(not a URL)";
  }
}

const callerKey = (request: FastifyRequest) =>
  request.actor?.user_id ? `user:${request.actor.user_id}` : `ip:${request.ip}`;

/**
 * Channels: the admin's Send test. Each test builds the transports from the configuration, as
 * the timer worker does, and closes them after: a test is rare and must see the SMTP settings
 * the server runs with. `${env:NAME}` in targets reads the runtime's environment, as the worker.
 */
export const channelRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const limiter = app.createRateLimit({
      max: CHANNEL_TESTS_PER_MINUTE,
      timeWindow: 60_000,
      keyGenerator: callerKey,
    });

    serve(
      app,
      channels.test,
      { tags: ["channels"], config: { permission: "admin" } },
      async (req, reply) => {
        const verdict = await limiter(req);
        if (!verdict.isAllowed && verdict.isExceeded) {
          reply.header("retry-after", String(verdict.ttlInSeconds));
          throw new DomainError(
            "rate_limited",
            `more than ${verdict.max} test messages a minute; wait a moment`,
          );
        }
        const actor = requestActor(req);
        const transports = createChannels(rt.config);
        try {
          const result = await testChannel(
            { channels: transports, env: rt.env, clock: rt.clock, documents: rt.documents },
            req.body,
            actor,
          );
          const channel =
            "channel_id" in req.body
              ? { channel_id: req.body.channel_id }
              : { kind: req.body.kind, target: targetForRecord(req.body.target) };
          // The target as written, never the resolved `${env:…}` secret, and how it went.
          await audit(rt, {
            actor,
            action: "channel.tested",
            target: "channel_id" in req.body ? req.body.channel_id : (req.body.id ?? null),
            outcome: result.delivered ? "success" : "failure",
            ip: req.ip,
            details: { ...channel, delivered: result.delivered, detail: result.detail },
          });
          return result;
        } finally {
          await transports.close();
        }
      },
    );
  };
