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
  /**
   * The incident it concerns (id or human id), if any: the entry then commits to the end of that
   * incident's timeline, so a later removal of those timeline entries breaks `audit verify`.
   */
  incident?: string;
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
  /** The incident it concerns, and its timeline's length and last hash when recorded. */
  incident_id: string | null;
  incident_entries: number | null;
  incident_head: string | null;
}

/** The row exactly as stored (the `audit_log` table), for verifying the chain. */
export interface AuditRow {
  seq: number;
  at: string;
  /** JSON of the Actor, or of `{kind:"anonymous"}` before sign-in. */
  actor: string;
  /** e.g. `sign_in.failed`, `access.denied`, `user.created`, `token.revoked`. */
  action: string;
  /** What it was done to: a user id, a token id, a route. */
  target: string | null;
  /** success, failure or denied. */
  outcome: string;
  ip: string | null;
  /** JSON object. */
  details: string;
  prev_hash: string;
  hash: string;
  /** The incident the entry concerns, if any, and its timeline's end then (migration 0013). */
  incident_id: string | null;
  incident_head: string | null;
  incident_entries: number | null;
}

/** What a caller gives for a new entry; the store adds its place, hashes and incident head. */
export type AuditContent = Omit<
  AuditRow,
  "seq" | "prev_hash" | "hash" | "incident_id" | "incident_head" | "incident_entries"
>;

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
  /**
   * Appends one entry at the chain's end; concurrent appends are serialised. With `incident` (id
   * or human id of an existing incident) the entry also records that incident's timeline head.
   */
  append(content: AuditContent, incident?: string): Promise<AuditRow>;
  list(filter: AuditFilter, limit: number): Promise<AuditRow[]>;
  /** The chain's end as recorded beside it by every append; undefined before the first. */
  storedHead(): Promise<{ hash: string; entries: number } | undefined>;
  /**
   * For checking a committed head: the incident's human id and the hash of its timeline entry
   * `seq` (null when there is no such entry); undefined when the incident itself is gone.
   */
  timelineAt(
    incidentId: string,
    seq: number,
  ): Promise<{ human_id: string; hash: string | null } | undefined>;
}
