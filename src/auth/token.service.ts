import { audit } from "../audit/audit.service.js";
import { TOKEN_SCOPES, type TokenScope } from "../domain/access-roles.js";
import { addDuration, isDuration } from "../domain/duration.js";
import { DomainError, invalidInput, notFound } from "../domain/errors.js";
import { newRowId } from "../domain/row-id.js";
import type { AuthDeps } from "./auth.deps.js";
import type { ApiToken, User } from "./identity.types.js";
import { grantableScopes } from "./permissions.matrix.js";
import type { Principal } from "./principal.js";
import { newSecret, safeEqual, sha256 } from "./secrets.js";

/** Tokens start with this, so that secret scanners and people recognise them. */
export const TOKEN_PREFIX = "fbt_";
export const DEFAULT_TOKEN_LIFETIME = "P90D";
/** Longest lifetime: an integration's token is rotated at least every two years. */
const MAX_LIFETIME_MS = 2 * 366 * 24 * 60 * 60_000;
const TOUCH_EVERY_MS = 60_000;

export interface NewTokenInput {
  name: string;
  scope: TokenScope;
  /** ISO 8601 duration from now, e.g. `P90D`. */
  expires_in?: string;
  /** Admins may create a token for another user (e.g. an integration's account). */
  user?: string;
}

/** A new token: the only time its secret is shown. */
export type CreatedToken = ApiToken & { token: string };

async function ownerFor(deps: AuthDeps, principal: Principal, ref?: string): Promise<User> {
  if (ref) {
    if (principal.role !== "admin")
      throw new DomainError("forbidden", "only an admin may create a token for another user");
    const user = ref.includes("@")
      ? (await deps.identity.findByEmail(ref.trim().toLowerCase()))?.user
      : await deps.identity.getUser(ref);
    if (!user) throw notFound("user", ref);
    return user;
  }
  if (!principal.user)
    throw invalidInput("the local operator is not a user: name the token's user (--user EMAIL)");
  return principal.user;
}

/**
 * Creates an API token for the caller (or, for an admin, another user). The scope may not exceed
 * what the owner's role and the calling token allow. Only its SHA-256 is stored.
 */
export async function createToken(
  deps: AuthDeps,
  principal: Principal,
  input: NewTokenInput,
): Promise<CreatedToken> {
  if (!TOKEN_SCOPES.includes(input.scope))
    throw invalidInput(`scope must be one of ${TOKEN_SCOPES.join(", ")}`);
  if (!input.name.trim()) throw invalidInput("a token needs a name");
  const owner = await ownerFor(deps, principal, input.user);
  if (owner.disabled) throw invalidInput(`user ${owner.email} is disabled`);
  const allowed = grantableScopes(principal.role, principal.scope).filter((s) =>
    grantableScopes(owner.role).includes(s),
  );
  if (!allowed.includes(input.scope))
    throw new DomainError(
      "forbidden",
      `a '${input.scope}' token is more than this caller may grant (${allowed.join(", ") || "none"})`,
    );
  const lifetime = input.expires_in ?? DEFAULT_TOKEN_LIFETIME;
  if (!isDuration(lifetime))
    throw invalidInput("expires_in must be an ISO 8601 duration such as P90D");
  const now = deps.clock.now();
  const expires = addDuration(now, lifetime);
  if (expires.getTime() <= now.getTime() || expires.getTime() - now.getTime() > MAX_LIFETIME_MS)
    throw invalidInput("a token lives between a second and two years");
  const secret = newSecret(TOKEN_PREFIX);
  const token: ApiToken = {
    id: newRowId(),
    user_id: owner.id,
    name: input.name.trim(),
    scope: input.scope,
    prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
    created_at: now.toISOString(),
    expires_at: expires.toISOString(),
    revoked_at: null,
    last_used_at: null,
  };
  await deps.identity.createToken(token, sha256(secret));
  await audit(deps, {
    actor: principal.actor,
    action: "token.created",
    target: token.id,
    details: {
      user_id: owner.id,
      name: token.name,
      scope: token.scope,
      expires_at: token.expires_at,
    },
  });
  return { ...token, token: secret };
}

/** Tokens the caller may see: their own, or everyone's for an admin who asks for all. */
export async function listTokens(deps: AuthDeps, principal: Principal, all: boolean) {
  if (all && principal.role === "admin") return deps.identity.listTokens();
  if (!principal.user) return deps.identity.listTokens();
  return deps.identity.listTokens(principal.user.id);
}

/** Revokes a token at once. Users revoke their own; admins any. Unknown and foreign look alike. */
export async function revokeToken(
  deps: AuthDeps,
  principal: Principal,
  id: string,
): Promise<ApiToken> {
  const token = await deps.identity.getToken(id);
  if (!token || (principal.role !== "admin" && token.user_id !== principal.user?.id))
    throw notFound("token", id);
  const at = deps.clock.now().toISOString();
  await deps.identity.revokeToken(id, at);
  await audit(deps, { actor: principal.actor, action: "token.revoked", target: id });
  return { ...token, revoked_at: token.revoked_at ?? at };
}

/**
 * The token and user behind a bearer secret, or undefined when it is unknown, revoked, expired or
 * its user is disabled. The lookup is by hash; the stored hash is compared again in constant
 * time so that no code path compares secrets with `===`.
 */
export async function tokenUser(
  deps: AuthDeps,
  secret: string,
): Promise<{ token: ApiToken; user: User } | undefined> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return undefined;
  const hash = sha256(secret);
  const found = await deps.identity.findToken(hash);
  if (!found || !safeEqual(found.token_hash, hash)) return undefined;
  const now = deps.clock.now();
  if (found.revoked_at) return undefined;
  if (found.expires_at && now.getTime() >= Date.parse(found.expires_at)) return undefined;
  const user = await deps.identity.getUser(found.user_id);
  if (!user || user.disabled) return undefined;
  const { token_hash: _h, ...token } = found;
  if (!token.last_used_at || now.getTime() - Date.parse(token.last_used_at) >= TOUCH_EVERY_MS)
    await deps.identity.touchToken(token.id, now.toISOString());
  return { token, user };
}
