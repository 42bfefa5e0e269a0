import { createHash } from "node:crypto";

/**
 * RFC 9562 UUID version 5 (SHA-1 of a namespace and a name). Exports name their objects with
 * it, so exporting the same incident twice gives the same ids and a receiving tool updates its
 * copy instead of duplicating it.
 */
export function uuid5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const bytes = createHash("sha1").update(ns).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Firebreak's namespace for the ids of its exports (a random v4, fixed forever). */
export const FIREBREAK_NAMESPACE = "8a0f6c1e-3b7d-4c52-9e21-5d4f0b6a7c93";

/** The id of one object of one incident's export, stable across exports. */
export const incidentUuid = (incidentId: string, key: string) =>
  uuid5(FIREBREAK_NAMESPACE, `${incidentId}/${key}`);
