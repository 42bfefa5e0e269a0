import type { Role, TokenScope } from "../domain/access-roles.js";

/** A person who can sign in. */
export interface User {
  id: string;
  /** Lower-cased, unique. */
  email: string;
  name: string;
  role: Role;
  /** The plan team person this user is (their plan and incident roles key on it), if any. */
  person_id: string | null;
  disabled: boolean;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
  /** The zone the web shows this user's times in; null: the organisation's. */
  time_zone: string | null;
}

export interface Session {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  /** Absolute expiry; idle expiry is computed from `last_seen_at`. */
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

/** An API token as listed: never its secret, which only its creator saw, once. */
export interface ApiToken {
  id: string;
  user_id: string;
  name: string;
  scope: TokenScope;
  /** The first characters of the token, to tell tokens apart. */
  prefix: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** Failed sign-in counter for one key (a client address, or an account at an address). */
export interface ThrottleRow {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

/** What the identity use cases need from storage. */
export interface IdentityStore {
  countUsers(): Promise<number>;
  /** Throws `conflict` when the e-mail address is taken. */
  createUser(user: User, passwordHash: string | null): Promise<void>;
  getUser(id: string): Promise<User | undefined>;
  /** The user and their password hash, by lower-cased e-mail address. */
  findByEmail(email: string): Promise<{ user: User; password_hash: string | null } | undefined>;
  listUsers(): Promise<User[]>;
  updateUser(
    id: string,
    patch: Partial<
      Pick<User, "name" | "role" | "person_id" | "disabled" | "last_sign_in_at" | "time_zone">
    > & {
      updated_at: string;
      password_hash?: string;
    },
  ): Promise<void>;

  createSession(session: Session): Promise<void>;
  getSession(idHash: string): Promise<Session | undefined>;
  touchSession(idHash: string, at: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteUserSessions(userId: string): Promise<void>;

  createToken(token: ApiToken, tokenHash: string): Promise<void>;
  /** The token stored under this hash, with its hash for a constant-time re-check. */
  findToken(tokenHash: string): Promise<(ApiToken & { token_hash: string }) | undefined>;
  getToken(id: string): Promise<ApiToken | undefined>;
  listTokens(userId?: string): Promise<ApiToken[]>;
  revokeToken(id: string, at: string): Promise<void>;
  touchToken(id: string, at: string): Promise<void>;

  throttles(keys: string[]): Promise<ThrottleRow[]>;
  /**
   * Counts one more failure for a key, atomically (concurrent failures all count); a window that
   * started before `windowStart` begins afresh at `now`.
   */
  countFailure(key: string, now: string, windowStart: string): Promise<ThrottleRow>;
  lockThrottle(key: string, until: string): Promise<void>;
  clearThrottle(key: string): Promise<void>;
  /**
   * Forgets what can no longer matter: sessions past their absolute expiry or idle since
   * `idleBefore`, and throttle counters whose window started before `staleBefore` and whose lock
   * (if any) has ended.
   */
  prune(now: string, idleBefore: string, staleBefore: string): Promise<void>;
}
