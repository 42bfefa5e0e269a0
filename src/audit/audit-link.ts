import type { AuditRow } from "./audit.types.js";

/**
 * What an audit entry's hash covers: every stored column but the two hashes. The incident columns
 * (migration 0013) count only when set, so entries written before they existed verify as they
 * were hashed, while clearing them on a newer entry still breaks its hash.
 */
export function auditLinkContent(row: Omit<AuditRow, "prev_hash" | "hash">): object {
  const { incident_id, incident_head, incident_entries, ...rest } = row;
  if (incident_id === null) return rest;
  return { ...rest, incident_id, incident_head, incident_entries };
}
