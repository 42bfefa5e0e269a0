import { canonicalJson } from "../domain/canonical-json.js";
import type { Clock } from "../domain/clock.js";
import { type ChainVerdict, GENESIS_HASH, verifyLinks } from "../domain/hash-chain.js";
import type {
  AuditEntry,
  AuditFilter,
  AuditInput,
  AuditOutcome,
  AuditStore,
} from "./audit.types.js";

/** What the audit use cases take. */
export interface AuditDeps {
  audit: AuditStore;
  clock: Clock;
}

function entryFromRow(r: Awaited<ReturnType<AuditStore["append"]>>): AuditEntry {
  return {
    ...r,
    actor: JSON.parse(r.actor),
    outcome: r.outcome as AuditOutcome,
    details: JSON.parse(r.details),
  };
}

/**
 * Puts something on the audit record. Any module may call it for the administrative changes it
 * makes (documents uploaded, integrations created or rotated); sign-ins and refusals are
 * recorded by the access layer itself.
 */
export async function audit(deps: AuditDeps, input: AuditInput): Promise<AuditEntry> {
  const row = await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: canonicalJson(input.actor ?? { kind: "anonymous" }),
    action: input.action,
    target: input.target ?? null,
    outcome: input.outcome ?? "success",
    ip: input.ip ?? null,
    details: canonicalJson(input.details ?? {}),
  });
  return entryFromRow(row);
}

/** A page of the audit log, newest first; `next_cursor` continues with older entries. */
export async function auditLog(
  deps: AuditDeps,
  filter: Pick<AuditFilter, "action"> & { cursor?: string },
  limit: number,
): Promise<{ items: AuditEntry[]; next_cursor: string | null }> {
  const before = filter.cursor === undefined ? undefined : Number(filter.cursor);
  const rows = await deps.audit.list(
    { action: filter.action, before: Number.isFinite(before) ? before : undefined },
    limit + 1,
  );
  const items = rows.slice(0, limit).map(entryFromRow);
  const last = items.at(-1);
  return { items, next_cursor: rows.length > limit && last ? String(last.seq) : null };
}

const PAGE = 1000;

/**
 * Re-computes the whole audit chain, oldest first, a page at a time (the log grows without
 * bound), and names the first entry that does not verify.
 */
export async function verifyAudit(deps: AuditDeps): Promise<ChainVerdict> {
  let start = { prev_hash: GENESIS_HASH, seq: 1 };
  let entries = 0;
  for (;;) {
    const page = await deps.audit.list({ after: start.seq - 1, order: "asc" }, PAGE);
    const verdict = verifyLinks(page, start);
    if (!verdict.intact) return { ...verdict, entries: entries + page.length };
    entries += page.length;
    const last = page.at(-1);
    if (!last || page.length < PAGE) return { intact: true, entries };
    start = { prev_hash: last.hash, seq: last.seq + 1 };
  }
}
