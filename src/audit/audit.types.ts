import type { Actor } from "../domain/actor.js";

/** How an audited action ended. */
export type AuditOutcome = "success" | "failure" | "denied";

/**
 * Something worth having on record: a sign-in or a failed one, a refused request, an
 * administrative change. Actions are `<thing>.<what happened>`: `sign_in.failed`,
 * `access.denied`, `user.created`, `token.revoked`, `document.uploaded`, `integration.created`.
 */
export interface AuditInput {
  /** Who; absent before sign-in (a failed sign-in, a request without credentials). */
  actor?: Actor;
  action: string;
  /** What it was done to: a user id, a token id, `GET /api/v1/audit`. */
  target?: string | null;
  outcome?: AuditOutcome;
  /** The client address, when it came over HTTP. */
  ip?: string | null;
  /** Anything else worth keeping. Never a secret: no passwords, tokens or session ids. */
  details?: Record<string, unknown>;
}

/** An entry as stored: its place in the hash chain and the chain's two hashes. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: Actor | { kind: "anonymous" };
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** The row exactly as stored, for verifying the chain. */
export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditFilter {
  /** Entries with a larger seq (the cursor). */
  after?: number;
  /** Entries with a smaller seq (newest first paging). */
  before?: number;
  action?: string;
  /** Newest first (default) or oldest first. */
  order?: "asc" | "desc";
}

/** What the audit use cases need from storage. */
export interface AuditStore {
  /** Appends one entry at the chain's end; concurrent appends are serialised. */
  append(content: Omit<AuditRow, "seq" | "prev_hash" | "hash">): Promise<AuditRow>;
  list(filter: AuditFilter, limit: number): Promise<AuditRow[]>;
}
