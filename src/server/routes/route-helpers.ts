import { z } from "zod";
import { invalidInput } from "../../domain/errors.js";

/** Small pieces every resource's routes share. */

/** The optimistic-concurrency header: the version the client's change was made on. */
export const IfMatch = z.object({
  "if-match": z.string().optional().describe("the version the change was made on"),
});

/** `If-Match: "7"` or `7` → 7; absent → undefined (the server merges concurrent changes). */
export function expectedVersion(headers: { "if-match"?: string }): number | undefined {
  const raw = headers["if-match"];
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(/^W\//, "").replaceAll('"', ""));
  if (!Number.isInteger(n) || n < 1) throw invalidInput('If-Match must be a version such as "7"');
  return n;
}

/** `a,b` → ["a", "b"]; absent → undefined. */
export const commaList = (v: string | undefined) =>
  v
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
