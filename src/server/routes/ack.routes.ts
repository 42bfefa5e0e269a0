import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  type AckPreview,
  acknowledgeByToken,
  previewAckLink,
} from "../../comms/escalation/ack.service.js";
import { ackLinks } from "../../contract/ack-links.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { sameOrigin } from "../http-auth.js";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page's own CSP: its inline style, a form that may post only back here, no framing. */
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function page(title: string, paragraphs: string[], form = ""): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1.25rem;cursor:pointer}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}${form}
</body></html>
`;
}

/** The confirmation page: who, which incident, where its escalation stands, and the button. */
function confirmation(p: AckPreview): string {
  const { incident } = p;
  const facts = [
    `You were paged as ${p.name} for ${incident.human_id} (${incident.severity}): ${p.title}.`,
    p.step
      ? `Escalation: ${p.step}; it is ${p.escalation?.status}.`
      : "No escalation step has been paged.",
    p.escalation?.status === "active" && p.escalation.next
      ? `Unless someone acknowledges, the next step is paged at ${p.escalation.next.at}.`
      : "",
    incident.times.acknowledged_at
      ? `It was already acknowledged at ${incident.times.acknowledged_at}; yours is recorded too.`
      : "",
    "Opening this page changed nothing. Only the button acknowledges, once.",
  ].filter(Boolean);
  // No action attribute: the form posts back to this very URL, which carries the token.
  const form = `\n<form method="post"><button type="submit">Acknowledge ${escapeHtml(incident.human_id)} as ${escapeHtml(p.name)}</button></form>`;
  return page(`Acknowledge ${incident.human_id}?`, facts, form);
}

/**
 * Referrer-Policy same-origin, not no-referrer: under no-referrer Chromium posts the page's own
 * form with `Origin: null`, which fromOwnPage refuses (a sandboxed frame on another site sends
 * the same). same-origin still keeps the token in the address out of every other site's logs.
 */
function htmlReply(reply: FastifyReply): FastifyReply {
  return reply
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .header("referrer-policy", "same-origin")
    .header("content-security-policy", PAGE_CSP)
    .header("x-robots-tag", "noindex");
}

/**
 * Whether the POST was submitted by a person from the confirmation page, not by another site's
 * auto-submitting form: `Sec-Fetch-Site`, when the browser sends it, says same-origin, and
 * `Origin`, when sent, is this server's. Clients that send neither (curl, scripts) hold the token
 * and chose to POST it, which is what the token allows.
 */
function fromOwnPage(request: FastifyRequest, rt: Runtime): boolean {
  const site = request.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin") return false;
  return sameOrigin(request, rt.config);
}

/**
 * `/api/v1/ack/<token>`: the one-time link in pages. Public: the signed token is the credential,
 * good once, until it expires (see docs/escalation.md#one-time-links). GET (and so HEAD) shows
 * a confirmation page and changes nothing; the page's POST acknowledges.
 */
export const ackRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    // The page's form posts url-encoded fields (none that matter): accepted and ignored.
    app.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 4096 },
      (_req, _body, done) => done(null, undefined),
    );

    const communications = {
      tags: ["communications"],
      config: { permission: "public" as const, wildcard: "token" },
    };

    serve(app, ackLinks.confirmation, communications, async (req, reply) => {
      const preview = await previewAckLink(rt, req.params["*"]);
      htmlReply(reply);
      if (!preview.ok)
        return reply.status(preview.status).send(page("Not acknowledged", [preview.message]));
      return reply.send(confirmation(preview));
    });

    serve(app, ackLinks.acknowledge, communications, async (req, reply) => {
      htmlReply(reply);
      if (!fromOwnPage(req, rt))
        return reply
          .status(403)
          .send(
            page("Not acknowledged", [
              "This came from another site. Open the acknowledgement link itself and press its button.",
            ]),
          );
      const result = await acknowledgeByToken(rt, req.params["*"]);
      if (!result.ok)
        return reply.status(result.status).send(page("Not acknowledged", [result.message]));
      const { incident } = result;
      const body = result.first
        ? `${incident.human_id} is acknowledged. Escalation has stopped.`
        : `${incident.human_id} had already been acknowledged at ${incident.times.acknowledged_at}; your acknowledgement is recorded too.`;
      return reply.send(page(`Acknowledged ${incident.human_id} as ${result.name}`, [body]));
    });
  };
