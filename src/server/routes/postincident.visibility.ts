import { invalidInput } from "../../domain/errors.js";

/** `If-Match: "7"` or `7` → 7; absent → undefined (concurrent changes are merged). */
export function ifMatch(headers: { "if-match"?: string }): number | undefined {
  const raw = headers["if-match"];
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(/^W\//, "").replaceAll('"', ""));
  if (!Number.isInteger(n) || n < 0) throw invalidInput('If-Match must be a version such as "7"');
  return n;
}
