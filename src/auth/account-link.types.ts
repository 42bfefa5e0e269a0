import type { AccountLinkPurpose } from "../domain/account-link.js";

/** A one-time link where a user chooses a password; its token is known only to whoever got it. */
export interface AccountLink {
  id: string;
  user_id: string;
  purpose: AccountLinkPurpose;
  /** The actor who made it, as `audit` names actors (`user:<id>`, `local`, …). */
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** What the account-link use cases need from storage. */
export interface AccountLinkStore {
  /**
   * Stores a link under its token's SHA-256 and, in the same transaction, deletes the user's
   * unused links of the same purpose: only the newest link works.
   */
  create(link: AccountLink, tokenHash: string): Promise<void>;
  findByHash(tokenHash: string): Promise<(AccountLink & { token_hash: string }) | undefined>;
  /**
   * Marks the link used at `at` if it is still unused and unexpired then; false when another
   * request used it first (or it expired): a link is used exactly once.
   */
  use(id: string, at: string): Promise<boolean>;
}

/**
 * The one-time setup code, kept in the database so every node and `firebreak setup-code` see
 * the same one.
 */
export interface SetupCodeStore {
  /** The stored code, or `generated` stored now; when two callers race, both get the first. */
  getOrCreate(generated: string, now: Date): Promise<string>;
  current(): Promise<string | undefined>;
  /** Deletes the code if it is still `code`; false when it was taken (or replaced) first. */
  take(code: string): Promise<boolean>;
}
