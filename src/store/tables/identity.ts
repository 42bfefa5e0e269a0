import type { AuditRow } from "../../audit/audit.types.js";
import type { Session } from "../../auth/identity.types.js";

/** Users, sessions, API tokens, sign-in throttling and the audit log (migrations/0006-identity.ts). */
export interface IdentityTables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sign_in_throttle: SignInThrottleTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  account_links: AccountLinksTable;
}

export interface UsersTable {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  name: string;
  /** admin, responder or observer. */
  role: string;
  /** The plan team person this user is; their plan and incident roles key on it. */
  person_id: string | null;
  /** argon2id PHC string; null for a user who cannot sign in with a password. */
  password_hash: string | null;
  disabled: number;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
  /** IANA zone the web shows times in; null: the organisation's (migration 0017). */
  time_zone: string | null;
}

/** Browser sessions, as the model: only the SHA-256 of the cookie's random id is stored. */
export type SessionsTable = Session;

/** API tokens. Only the SHA-256 of the token is stored; `prefix` lets people tell them apart. */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** read, write or ingest. */
  scope: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

/**
 * Failed sign-in counters, per client address (`ip:…`) and per account and address
 * (`account:…|ip:…`); shared by every node on the same database.
 */
export interface SignInThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

/**
 * The audit log: append-only, one hash chain over the whole table (like an incident timeline).
 * Its row is the audit module's `AuditRow`, the one the chain is verified over.
 */
export type AuditLogTable = AuditRow;

/**
 * The audit chain's end, one row (`id` 1) moved by every append in its transaction (migration
 * 0013): removing the newest entries without also rewriting this row shows in `audit verify`.
 */
export interface AuditHeadTable {
  id: number;
  hash: string;
  entries: number;
}

/**
 * One-time invitation and password-reset links (migration 0016); only the SHA-256 of the token
 * is stored.
 */
export interface AccountLinksTable {
  id: string;
  token_hash: string;
  user_id: string;
  /** invite or reset. */
  purpose: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
