import { createHmac, timingSafeEqual } from "node:crypto";
import { isExercise, type Notification } from "../notification.types.js";
import type { ChannelTransport } from "./channel.types.js";
import type { HttpClient } from "./http.js";
import { incidentLabel, plainText, subjectLine } from "./render.js";

/** The signature header: `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. */
export const SIGNATURE_HEADER = "x-firebreak-signature";
/** Unix time in seconds when the request was signed; part of the signed text. */
export const TIMESTAMP_HEADER = "x-firebreak-timestamp";

/**
 * Signs a webhook body the way docs/notifications.md tells receivers to check it. The timestamp
 * is signed with the body so that a captured request cannot be replayed later with a new time.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * A receiver's check: the signature matches and the timestamp is within `toleranceSeconds` of
 * `now`. Compares in constant time.
 */
export function verifyWebhookSignature(
  secret: string,
  request: { timestamp: string | undefined; signature: string | undefined; body: string },
  now: Date = new Date(),
  toleranceSeconds = 300,
): boolean {
  const ts = Number(request.timestamp);
  if (!Number.isInteger(ts) || !request.signature) return false;
  if (Math.abs(now.getTime() / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, ts, request.body));
  const given = Buffer.from(request.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The JSON a generic webhook receives (`version` changes only with an incompatible change). */
export function webhookPayload(n: Notification, attempt: number): Record<string, unknown> {
  return {
    type: "firebreak.notification",
    version: 1,
    id: n.id,
    kind: n.kind,
    exercise: isExercise(n),
    labels: n.labels,
    incident:
      n.incidentId === null && n.incidentRef === null
        ? null
        : { id: n.incidentId, ref: incidentLabel(n), severity: n.severity, phase: n.phase },
    recipient: n.recipient,
    subject: subjectLine(n),
    text: plainText(n),
    body: n.body,
    links: n.links,
    created_at: n.createdAt,
    attempt,
  };
}

/**
 * Generic webhook: POST the payload as JSON, signed with HMAC-SHA256 when a secret is configured
 * (FIREBREAK_WEBHOOK_SECRET). Without one the request goes out unsigned rather than not at all:
 * a page that arrives unsigned beats one that never arrives; receivers that verify will refuse
 * it, and the refusal shows in the delivery log.
 */
export function webhookChannel(options: { secret?: string; http: HttpClient }): ChannelTransport {
  return {
    kind: "webhook",
    async deliver(n, target, attempt) {
      const body = JSON.stringify(webhookPayload(n, attempt));
      const timestamp = Math.floor(Date.now() / 1000);
      const headers: Record<string, string> = {
        "user-agent": "Firebreak",
        "x-firebreak-event": "notification",
        "x-firebreak-delivery": n.id,
        "x-firebreak-attempt": String(attempt),
        [TIMESTAMP_HEADER]: String(timestamp),
      };
      if (isExercise(n)) headers["x-firebreak-exercise"] = "true";
      if (options.secret) headers[SIGNATURE_HEADER] = signWebhook(options.secret, timestamp, body);
      return options.http.postJson(target, body, headers);
    },
  };
}
