import { z } from "zod";
import { invalidInput } from "../../domain/errors.js";

/** Small pieces every resource's routes share. */

/** The optimistic-concurrency header: the version the client's change was made on. */
export const IfMatch = z.object({
  "if-match": z.string().optional().describe("the version the change was made on"),
});

/**
 * `If-Match: "7"` or `7` → 7; absent or `*` → undefined (the server merges concurrent changes;
 * `*` only asks that the incident exist, which every route checks anyway, RFC 9110 §13.1.1).
 * A weak `W/"7"` counts as `"7"`: proxies that compress answers (nginx's gzip) weaken the ETag
 * they pass on, and a client echoing it back means that version. Anything else — `abc`, `-1`,
 * `0`, `1e0`, `0x7`, a list — is refused rather than read as some number.
 */
export function expectedVersion(headers: { "if-match"?: string }): number | undefined {
  const raw = headers["if-match"]?.trim();
  if (raw === undefined || raw === "*") return undefined;
  const digits = /^(?:W\/)?("?)([1-9]\d{0,14})\1$/.exec(raw)?.[2];
  if (!digits) throw invalidInput('If-Match must be a version such as "7" (the ETag), or *');
  return Number(digits);
}

/** `a,b` → ["a", "b"]; absent → undefined. */
export const commaList = (v: string | undefined) =>
  v
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
