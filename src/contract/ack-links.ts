import { z } from "zod";
import { endpoint } from "./endpoint.js";

/**
 * The one-time acknowledgement link in pages, `/api/v1/ack/<token>`: a person's browser opens it,
 * so both answers are HTML pages, not JSON (see docs/escalation.md#one-time-links). A wildcard,
 * not `:token`: tokens are longer than Fastify's 100-character parameter limit.
 */

const AckLinkParams = z.object({ "*": z.string().max(1000).describe("the token") });

export const ackLinks = {
  confirmation: endpoint({
    method: "GET",
    path: "/ack/*",
    description:
      "The confirmation page of a one-time acknowledgement link (HTML); changes nothing. 200 the page with its Acknowledge button, 400 not a link, 403 bad signature, 404 no such incident, 409 already used, 410 expired.",
    params: AckLinkParams,
  }),
  acknowledge: endpoint({
    method: "POST",
    path: "/ack/*",
    description:
      "Acknowledge with a one-time link: the confirmation page's form (HTML). 200 acknowledged, 400 not a link, 403 bad signature or posted from another site, 404 no such incident, 409 already used, 410 expired.",
    params: AckLinkParams,
  }),
};
