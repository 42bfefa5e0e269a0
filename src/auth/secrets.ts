import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Random secrets and how they are kept. Session ids and API tokens carry 256 bits of entropy,
 * so a plain SHA-256 of them is a safe thing to store (no salt or slow hash needed: nobody can
 * guess the input); passwords are another matter (see password.ts).
 */

/** A URL-safe random secret with the given prefix, e.g. `fbt_…` for API tokens. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Compares two strings in time that depends only on their length, never on where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  // timingSafeEqual needs equal lengths; comparing a with itself keeps the time the same.
  if (x.length !== y.length) {
    timingSafeEqual(x, x);
    return false;
  }
  return timingSafeEqual(x, y);
}
