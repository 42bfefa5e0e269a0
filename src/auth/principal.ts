import type { Role, TokenScope } from "../domain/access-roles.js";
import { type Actor, localOperator } from "../domain/actor.js";
import type { User } from "./identity.types.js";

/**
 * Who is calling, as the access layer established it: a user through a browser session or an
 * API token, or the local operator (the CLI's in-process mode). Routes see only the `Actor`.
 */
export interface Principal {
  /** Null for the local operator, who is not an account. */
  user: User | null;
  role: Role;
  via: "session" | "token" | "local";
  /** The token's scope, which narrows the role; absent for sessions and the local operator. */
  scope?: TokenScope;
  token_id?: string;
  /** The session's double-submit CSRF token, for cookie requests. */
  csrf?: string;
  actor: Actor;
}

/** The actor a user acts as: the plan team person they are, else their account. */
export function actorForUser(user: User, tokenId?: string): Actor {
  return {
    kind: "person",
    id: user.person_id ?? user.id,
    name: user.name,
    user_id: user.id,
    ...(tokenId ? { token_id: tokenId } : {}),
    ...(user.role === "admin" ? { admin: true } : {}),
  };
}

export function localPrincipal(): Principal {
  return { user: null, role: "admin", via: "local", actor: localOperator() };
}

export function userPrincipal(
  user: User,
  via: { session: { csrf: string } } | { token: { id: string; scope: TokenScope } },
): Principal {
  if ("session" in via)
    return {
      user,
      role: user.role,
      via: "session",
      csrf: via.session.csrf,
      actor: actorForUser(user),
    };
  return {
    user,
    role: user.role,
    via: "token",
    scope: via.token.scope,
    token_id: via.token.id,
    actor: actorForUser(user, via.token.id),
  };
}
