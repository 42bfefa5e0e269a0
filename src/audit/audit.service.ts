import { canonicalJson } from "../domain/canonical-json.js";
import type { Clock } from "../domain/clock.js";
import { decodeSeqCursor, encodeSeqCursor } from "../domain/cursor.js";
import { GENESIS_HASH, verifyLinks } from "../domain/hash-chain.js";
import type {
  AuditEntry,
  AuditFilter,
  AuditInput,
  AuditOutcome,
  AuditRow,
  AuditStore,
} from "./audit.types.js";
import { auditLinkContent } from "./audit-link.js";

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
  const row = await deps.audit.append(
    {
      at: deps.clock.now().toISOString(),
      actor: canonicalJson(input.actor ?? { kind: "anonymous" }),
      action: input.action,
      target: input.target ?? null,
      outcome: input.outcome ?? "success",
      ip: input.ip ?? null,
      details: canonicalJson(input.details ?? {}),
    },
    input.incident,
  );
  return entryFromRow(row);
}

/** A page of the audit log, newest first; `next_cursor` continues with older entries. */
export async function auditLog(
  deps: AuditDeps,
  filter: Pick<AuditFilter, "action"> & { cursor?: string },
  limit: number,
): Promise<{ items: AuditEntry[]; next_cursor: string | null }> {
  const before = filter.cursor ? decodeSeqCursor(filter.cursor) : undefined;
  const rows = await deps.audit.list({ action: filter.action, before }, limit + 1);
  const items = rows.slice(0, limit).map(entryFromRow);
  const last = items.at(-1);
  return { items, next_cursor: rows.length > limit && last ? encodeSeqCursor(last.seq) : null };
}

const PAGE = 1000;

/** The audit chain's verdict; `head` answers `--head HASH`: where in the chain it was found. */
export interface AuditVerdict {
  intact: boolean;
  entries: number;
  first_bad_seq?: number;
  reason?: string;
  head?: { hash: string; seq: number | null };
}

/** The chain's end: write it down elsewhere, and `verifyAudit` with it proves nothing before it went. */
export async function auditHead(deps: AuditDeps): Promise<{ hash: string; entries: number }> {
  const [last] = await deps.audit.list({}, 1);
  return { hash: last?.hash ?? GENESIS_HASH, entries: last?.seq ?? 0 };
}

/** Why an entry's incident commitment no longer holds, or null when the timeline still has it. */
async function brokenCommitment(deps: AuditDeps, row: AuditRow): Promise<string | null> {
  if (row.incident_id === null) return null;
  const entries = row.incident_entries ?? 0;
  const found = await deps.audit.timelineAt(row.incident_id, entries);
  if (!found) return `the incident it concerns (${row.incident_id}) no longer exists`;
  const hash = entries === 0 ? GENESIS_HASH : found.hash;
  if (hash === row.incident_head) return null;
  return `it recorded ${found.human_id}'s timeline at entry ${entries} (${row.incident_head?.slice(0, 12)}…), which that timeline no longer has: timeline entries were removed or changed`;
}

/**
 * Re-computes the whole audit chain, oldest first, a page at a time (the log grows without
 * bound), and names the first entry that does not verify: its own hash, or the incident timeline
 * head it committed to. With `head` (a hash from `auditHead`, kept elsewhere) the chain must
 * still contain it: if the log was cut back before it, or rewritten up to it, it is absent.
 */
export async function verifyAudit(deps: AuditDeps, head?: string): Promise<AuditVerdict> {
  let start = { prev_hash: GENESIS_HASH, seq: 1 };
  let entries = 0;
  let headSeq: number | null = null;
  let last: AuditRow | undefined;
  const withHead = (v: AuditVerdict): AuditVerdict =>
    head === undefined ? v : { ...v, head: { hash: head, seq: headSeq } };
  for (;;) {
    const page = await deps.audit.list({ after: start.seq - 1, order: "asc" }, PAGE);
    const links = page.map((r) => ({
      ...auditLinkContent(r),
      prev_hash: r.prev_hash,
      hash: r.hash,
      seq: r.seq,
    }));
    const verdict = verifyLinks(links, start);
    const badAt = verdict.intact ? Number.POSITIVE_INFINITY : verdict.first_bad_seq;
    for (const row of page.filter((r) => r.seq < badAt)) {
      const reason = await brokenCommitment(deps, row);
      if (reason)
        return withHead({
          intact: false,
          entries: entries + page.length,
          first_bad_seq: row.seq,
          reason,
        });
      if (row.hash === head) headSeq = row.seq;
    }
    if (!verdict.intact) return withHead({ ...verdict, entries: entries + page.length });
    entries += page.length;
    last = page.at(-1) ?? last;
    if (!last || page.length < PAGE) break;
    start = { prev_hash: last.hash, seq: last.seq + 1 };
  }
  const stored = await deps.audit.storedHead();
  const end = last ? { hash: last.hash, entries: last.seq } : { hash: GENESIS_HASH, entries: 0 };
  const recorded = stored ?? { hash: GENESIS_HASH, entries: 0 };
  const problems: string[] = [];
  if (head !== undefined && headSeq === null)
    problems.push(
      `head ${head} is not in the audit log (${entries} entries): entries recorded up to it were removed or rewritten`,
    );
  const headMoved = recorded.entries !== end.entries || recorded.hash !== end.hash;
  if (headMoved)
    problems.push(
      recorded.entries > end.entries
        ? `the log ends at entry ${end.entries}, but entry ${recorded.entries} was recorded (${recorded.hash.slice(0, 12)}…): the newest entries were removed`
        : `the log's end (entry ${end.entries}) is not the head recorded beside it (entry ${recorded.entries}): entries were added or rewritten outside Firebreak`,
    );
  if (problems.length > 0)
    return withHead({
      intact: false,
      entries,
      ...(headMoved ? { first_bad_seq: Math.min(end.entries, recorded.entries) + 1 } : {}),
      reason: problems.join("; "),
    });
  return withHead({ intact: true, entries });
}
