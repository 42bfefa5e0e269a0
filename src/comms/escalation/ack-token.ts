import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * One-time acknowledgement links. A token names the incident, the recipient it was sent to, an
 * expiry and a random nonce, and carries an HMAC-SHA256 over them keyed with the server's secret:
 * nobody without the secret can make one or change what it says. Single use is the store's job
 * (used nonces are kept); expiry and the signature are checked here.
 *
 * Format: `v1.<base64url JSON [incident, recipient, expires (Unix s), nonce]>.<base64url MAC>`.
 * The MAC covers a domain prefix and the payload text exactly as sent.
 */

/** How long an acknowledgement link works: long enough to cover a night shift and a weekend. */
export const ACK_LINK_TTL_MS = 72 * 3_600_000;

export interface AckClaim {
  incidentId: string;
  /** `person:<id>` or `channel:<id>`. */
  recipient: string;
  /** Unix time in seconds after which the link is refused. */
  expires: number;
  nonce: string;
}

export type AckVerdict =
  | { ok: true; claim: AckClaim }
  | { ok: false; reason: "malformed" | "bad_signature" | "expired"; claim?: AckClaim };

const PREFIX = "v1";

function mac(secret: string, payload: string): Buffer {
  return createHmac("sha256", secret).update(`firebreak-ack.${PREFIX}.${payload}`).digest();
}

/** A fresh claim for an incident and recipient, expiring `ttlMs` after `now`. */
export function newAckClaim(
  incidentId: string,
  recipient: string,
  now: Date,
  ttlMs = ACK_LINK_TTL_MS,
): AckClaim {
  return {
    incidentId,
    recipient,
    expires: Math.floor((now.getTime() + ttlMs) / 1000),
    nonce: randomBytes(16).toString("base64url"),
  };
}

export function signAckToken(claim: AckClaim, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify([claim.incidentId, claim.recipient, claim.expires, claim.nonce]),
  ).toString("base64url");
  return `${PREFIX}.${payload}.${mac(secret, payload).toString("base64url")}`;
}

/** Checks the signature first (nothing unsigned is parsed further), then the expiry. */
export function verifyAckToken(token: string, secret: string, now: Date): AckVerdict {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== PREFIX) return { ok: false, reason: "malformed" };
  const [, payload = "", signature = ""] = parts;
  const given = Buffer.from(signature, "base64url");
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: "bad_signature" };
  let claim: AckClaim;
  try {
    const [incidentId, recipient, expires, nonce] = JSON.parse(
      Buffer.from(payload, "base64url").toString("utf8"),
    ) as unknown[];
    if (
      typeof incidentId !== "string" ||
      typeof recipient !== "string" ||
      typeof expires !== "number" ||
      typeof nonce !== "string"
    )
      return { ok: false, reason: "malformed" };
    claim = { incidentId, recipient, expires, nonce };
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (now.getTime() / 1000 > claim.expires) return { ok: false, reason: "expired", claim };
  return { ok: true, claim };
}
