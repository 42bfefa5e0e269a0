import { createHmac } from "node:crypto";
import { audit } from "../audit/audit.service.js";
import { DomainError } from "../domain/errors.js";
import type { AuthDeps } from "./auth.deps.js";
import type { User } from "./identity.types.js";
import { checkPassword } from "./password.js";
import { actorForUser } from "./principal.js";
import { newSecret, safeEqual, sha256 } from "./secrets.js";
import type { SignInThrottle } from "./sign-in-throttle.js";

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 8 * 60 * 60_000;
/** …and after this long in any case: people sign in again at least once a day. */
export const SESSION_ABSOLUTE_MS = 24 * 60 * 60_000;
/** `last_seen_at` is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  user_agent?: string;
}

export interface SignedIn {
  user: User;
  /** The cookie's value: shown to the browser only, stored as its SHA-256. */
  session_id: string;
  csrf_token: string;
  expires_at: string;
}

const GENERIC_FAILURE = "wrong e-mail address or password";

/**
 * The double-submit CSRF token of a session: an HMAC keyed with the session's secret id, so it
 * needs no storage and cannot be made without the cookie, which scripts cannot read.
 */
export function csrfTokenFor(sessionId: string): string {
  return createHmac("sha256", sessionId).update("firebreak csrf").digest("base64url");
}

export function csrfMatches(sessionId: string, given: string | undefined): boolean {
  return given !== undefined && safeEqual(csrfTokenFor(sessionId), given);
}

/**
 * Signs a user in with e-mail and password. Every outcome is audited; the answer to a failure is
 * the same whether the account exists or not, and unknown accounts cost the same time.
 */
export async function signIn(
  deps: AuthDeps,
  throttle: SignInThrottle,
  input: SignInInput,
): Promise<SignedIn> {
  const email = input.email.trim().toLowerCase();
  const now = deps.clock.now();
  const verdict = await throttle.begin(email, input.ip, now);
  if (!verdict.allowed) {
    await audit(deps, {
      action: "sign_in.throttled",
      outcome: "denied",
      target: email,
      ip: input.ip,
      details: { limit: verdict.limit, retry_after_seconds: verdict.retryAfterSeconds },
    });
    throw new DomainError("rate_limited", "too many failed sign-ins; try again later", [], {
      retry_after: verdict.retryAfterSeconds,
    });
  }
  let found: Awaited<ReturnType<AuthDeps["identity"]["findByEmail"]>>;
  let ok: boolean;
  try {
    found = await deps.identity.findByEmail(email);
    ok = await checkPassword(found?.password_hash ?? null, input.password);
  } catch (e) {
    throttle.release(email, input.ip);
    throw e;
  }
  if (!ok || !found || found.user.disabled) {
    await throttle.failed(email, input.ip, now);
    const reason = !found ? "unknown_account" : !ok ? "wrong_password" : "disabled";
    await audit(deps, {
      action: "sign_in.failed",
      outcome: "failure",
      target: found?.user.id ?? email,
      ip: input.ip,
      details: { email, reason },
    });
    throw new DomainError("unauthenticated", GENERIC_FAILURE);
  }
  await throttle.succeeded(email, input.ip);
  return startSession(deps, found.user, input);
}

/**
 * Opens a session for a user whose credentials were checked (a password, the setup code, an
 * account link): the cookie's secret, its CSRF token, and the audit entry of the sign-in.
 */
export async function startSession(
  deps: AuthDeps,
  user: User,
  input: Pick<SignInInput, "ip" | "user_agent">,
): Promise<SignedIn> {
  const now = deps.clock.now();
  // Sign-ins are rare enough to tidy up on: ended sessions and stale counters go.
  await deps.identity.prune(
    now.toISOString(),
    new Date(now.getTime() - SESSION_IDLE_MS).toISOString(),
    new Date(now.getTime() - 24 * 60 * 60_000).toISOString(),
  );
  const sessionId = newSecret("");
  const at = now.toISOString();
  const expires = new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString();
  await deps.identity.createSession({
    id_hash: sha256(sessionId),
    user_id: user.id,
    created_at: at,
    last_seen_at: at,
    expires_at: expires,
    ip: input.ip,
    user_agent: input.user_agent?.slice(0, 300) ?? null,
  });
  await deps.identity.updateUser(user.id, { last_sign_in_at: at, updated_at: user.updated_at });
  await audit(deps, {
    actor: actorForUser(user),
    action: "sign_in.succeeded",
    target: user.id,
    ip: input.ip,
  });
  return {
    user: { ...user, last_sign_in_at: at },
    session_id: sessionId,
    csrf_token: csrfTokenFor(sessionId),
    expires_at: expires,
  };
}

/** The user behind a session cookie, or undefined when it is unknown, expired or disabled. */
export async function sessionUser(
  deps: AuthDeps,
  sessionId: string,
): Promise<{ user: User; expires_at: string } | undefined> {
  const idHash = sha256(sessionId);
  const session = await deps.identity.getSession(idHash);
  if (!session) return undefined;
  const t = deps.clock.now().getTime();
  if (
    t >= Date.parse(session.expires_at) ||
    t - Date.parse(session.last_seen_at) >= SESSION_IDLE_MS
  ) {
    await deps.identity.deleteSession(idHash);
    return undefined;
  }
  const user = await deps.identity.getUser(session.user_id);
  if (!user || user.disabled) return undefined;
  if (t - Date.parse(session.last_seen_at) >= TOUCH_EVERY_MS)
    await deps.identity.touchSession(idHash, new Date(t).toISOString());
  return { user, expires_at: session.expires_at };
}

/** Ends a session (logout); unknown ids are fine, the result is the same. */
export async function signOut(deps: AuthDeps, sessionId: string, user: User | null): Promise<void> {
  await deps.identity.deleteSession(sha256(sessionId));
  if (user)
    await audit(deps, {
      actor: actorForUser(user),
      action: "sign_out",
      target: user.id,
    });
}
