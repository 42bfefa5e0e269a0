import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { acknowledgeByToken } from "../../comms/escalation/ack.service.js";
import type { Runtime } from "../../runtime.js";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>
`;
}

/**
 * `GET /api/v1/ack/:token`: the one-time link in pages. Public: the signed token is the
 * credential, good once, until it expires (see docs/escalation.md). Answers a small HTML page.
 */
export const ackRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      // A wildcard, not `:token`: tokens are longer than Fastify's 100-character parameter limit.
      "/ack/*",
      {
        config: { permission: "public" },
        schema: {
          tags: ["communications"],
          description:
            "Acknowledge an incident with a one-time link from a page: 200 acknowledged, 400 not a link, 403 bad signature, 409 already used, 410 expired (HTML).",
          params: z.object({ "*": z.string().max(1000).describe("the token") }),
        },
      },
      async (req, reply) => {
        const result = await acknowledgeByToken(rt, req.params["*"]);
        reply
          .type("text/html; charset=utf-8")
          .header("cache-control", "no-store")
          .header("referrer-policy", "no-referrer");
        if (!result.ok)
          return reply.status(result.status).send(page("Not acknowledged", result.message));
        const { incident } = result;
        const body = result.first
          ? `${incident.human_id} (${incident.title}) is acknowledged. Escalation has stopped.`
          : `${incident.human_id} (${incident.title}) had already been acknowledged at ${incident.times.acknowledged_at}; your acknowledgement is recorded too.`;
        return reply.send(page(`Acknowledged ${incident.human_id} as ${result.name}`, body));
      },
    );
  };
