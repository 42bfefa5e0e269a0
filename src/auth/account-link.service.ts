import { audit } from "../audit/audit.service.js";
import { ACCOUNT_LINK_LIFETIME_MS, type AccountLinkPurpose } from "../domain/account-link.js";
import type { Actor } from "../domain/actor.js";
import { DomainError, invalidInput } from "../domain/errors.js";
import { newRowId } from "../domain/row-id.js";
import type { AccountLink, AccountLinkStore } from "./account-link.types.js";
import type { AuthDeps } from "./auth.deps.js";
import type { User } from "./identity.types.js";
import { hashPassword, passwordProblem } from "./password.js";
import { actorForUser } from "./principal.js";
import { newSecret, sha256 } from "./secrets.js";
import { type SignedIn, type SignInInput, startSession } from "./session.service.js";
import { createUser, findUser, type NewUserInput } from "./user.service.js";

/**
 * Invitation and password-reset links: an admin makes one, gives it to the person, and the person
 * chooses a password with it, once. The token carries 256 bits and only its SHA-256 is stored.
 */
export interface AccountLinkDeps extends AuthDeps {
  accountLinks: AccountLinkStore;
}

/** A link just made: its secret token (to put in the URL, shown once) and its end. */
export interface IssuedLink {
  token: string;
  expires_at: string;
}

const noLongerValid = () => new DomainError("not_found", "this link is no longer valid");

async function issue(
  deps: AccountLinkDeps,
  user: User,
  purpose: AccountLinkPurpose,
  actor: Actor,
): Promise<IssuedLink> {
  const token = newSecret("");
  const now = deps.clock.now();
  const link: AccountLink = {
    id: newRowId(),
    user_id: user.id,
    purpose,
    created_by: `${actor.kind}:${actor.id}`,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ACCOUNT_LINK_LIFETIME_MS[purpose]).toISOString(),
    used_at: null,
  };
  await deps.accountLinks.create(link, sha256(token));
  await audit(deps, {
    actor,
    action: "account_link.created",
    target: user.id,
    details: { purpose, email: user.email, expires_at: link.expires_at },
  });
  return { token, expires_at: link.expires_at };
}

/** A user with no password yet, and the invitation link where they choose one. */
export async function inviteUser(
  deps: AccountLinkDeps,
  input: Omit<NewUserInput, "password">,
  actor: Actor,
): Promise<{ user: User } & IssuedLink> {
  const user = await createUser(deps, { ...input }, actor);
  return { user, ...(await issue(deps, user, "invite", actor)) };
}

/** A password-reset link for a user; older unused ones stop working. */
export async function passwordResetLink(
  deps: AccountLinkDeps,
  ref: string,
  actor: Actor,
): Promise<IssuedLink> {
  const user = await findUser(deps, ref);
  if (user.disabled)
    throw new DomainError("conflict", "this user is disabled: enable them before a reset link");
  return issue(deps, user, "reset", actor);
}

/**
 * The link behind a token and its user. Unknown, used and expired links, and links of disabled
 * users, are all the same answer: nothing tells a guesser which tokens once existed.
 */
export async function openLink(
  deps: AccountLinkDeps,
  token: string,
): Promise<{ link: AccountLink; user: User }> {
  const link = await deps.accountLinks.findByHash(sha256(token));
  if (!link || link.used_at !== null) throw noLongerValid();
  if (Date.parse(link.expires_at) <= deps.clock.now().getTime()) throw noLongerValid();
  const user = await deps.identity.getUser(link.user_id);
  if (!user || user.disabled) throw noLongerValid();
  return { link, user };
}

/**
 * Sets the user's password with a link, uses the link up (exactly once, however many requests
 * race), ends the user's other sessions and signs them in.
 */
export async function redeemLink(
  deps: AccountLinkDeps,
  token: string,
  password: string,
  client: Pick<SignInInput, "ip" | "user_agent">,
): Promise<SignedIn> {
  const { link, user } = await openLink(deps, token);
  const problem = passwordProblem(password);
  if (problem) throw invalidInput(problem, [{ message: problem, path: "password" }]);
  const hash = await hashPassword(password);
  const at = deps.clock.now().toISOString();
  if (!(await deps.accountLinks.use(link.id, at))) throw noLongerValid();
  await deps.identity.updateUser(user.id, { password_hash: hash, updated_at: at });
  await deps.identity.deleteUserSessions(user.id);
  await audit(deps, {
    actor: actorForUser(user),
    action: link.purpose === "invite" ? "account_link.accepted" : "account_link.password_reset",
    target: user.id,
    ip: client.ip,
    details: { purpose: link.purpose, email: user.email },
  });
  return startSession(deps, { ...user, updated_at: at }, client);
}
