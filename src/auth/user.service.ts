import { audit } from "../audit/audit.service.js";
import { ROLES, type Role } from "../domain/access-roles.js";
import type { Actor } from "../domain/actor.js";
import { DomainError, invalidInput, notFound } from "../domain/errors.js";
import { newRowId } from "../domain/row-id.js";
import { isTimeZone } from "../domain/time-zone.js";
import type { AuthDeps } from "./auth.deps.js";
import type { User } from "./identity.types.js";
import { hashPassword, passwordProblem } from "./password.js";

export interface NewUserInput {
  email: string;
  name: string;
  role: Role;
  /** The plan team person this user is. */
  person_id?: string | null;
  /** Absent: the user cannot sign in with a password (e.g. an account for integration tokens). */
  password?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function normaliseEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!EMAIL.test(e) || e.length > 254) throw invalidInput(`'${email}' is not an e-mail address`);
  return e;
}

/** A person id must name someone in the plan's team, when there is a plan to ask. */
/**
 * A user may be linked to a person of the plan in force or of a newer draft of it: the first-run
 * checklist adds the admin to the draft that replaces the example team, before it is approved.
 */
async function checkPerson(deps: AuthDeps, personId: string | null | undefined): Promise<void> {
  if (!personId) return;
  const [inForce] = await deps.documents.current("plan");
  if (!inForce) return;
  const newest = (await deps.documents.latest("plan")).find((d) => d.id === inForce.id);
  const teamOf = (doc: typeof inForce | undefined) =>
    ((doc?.body as { team?: { id: string }[] } | undefined)?.team ?? []).map((p) => p.id);
  const team = teamOf(inForce);
  if (!team.includes(personId) && !teamOf(newest).includes(personId))
    throw invalidInput(`person '${personId}' is not in the plan's team (${team.join(", ")})`);
}

/** Creates a user; the password, if given, must meet the policy and is stored as argon2id. */
export async function createUser(deps: AuthDeps, input: NewUserInput, actor: Actor): Promise<User> {
  const email = normaliseEmail(input.email);
  if (!input.name.trim()) throw invalidInput("a user needs a name");
  if (!ROLES.includes(input.role)) throw invalidInput(`role must be one of ${ROLES.join(", ")}`);
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw invalidInput(problem);
  }
  await checkPerson(deps, input.person_id);
  const now = deps.clock.now().toISOString();
  const user: User = {
    id: newRowId(),
    email,
    name: input.name.trim(),
    role: input.role,
    person_id: input.person_id ?? null,
    disabled: false,
    created_at: now,
    updated_at: now,
    last_sign_in_at: null,
    time_zone: null,
  };
  const hash = input.password === undefined ? null : await hashPassword(input.password);
  await deps.identity.createUser(user, hash);
  await audit(deps, {
    actor,
    action: "user.created",
    target: user.id,
    details: { email, role: user.role, person_id: user.person_id },
  });
  return user;
}

/** By id or e-mail address. */
export async function findUser(deps: AuthDeps, ref: string): Promise<User> {
  const user = ref.includes("@")
    ? (await deps.identity.findByEmail(ref.trim().toLowerCase()))?.user
    : await deps.identity.getUser(ref);
  if (!user) throw notFound("user", ref);
  return user;
}

export interface UserPatch {
  name?: string;
  role?: Role;
  person_id?: string | null;
  disabled?: boolean;
  password?: string;
}

/**
 * Changes a user. Disabling one (or changing their password or role) ends their sessions at
 * once; their tokens stop working while they are disabled.
 */
export async function updateUser(
  deps: AuthDeps,
  ref: string,
  patch: UserPatch,
  actor: Actor,
): Promise<User> {
  const user = await findUser(deps, ref);
  if (patch.role !== undefined && !ROLES.includes(patch.role))
    throw invalidInput(`role must be one of ${ROLES.join(", ")}`);
  if (patch.name !== undefined && !patch.name.trim()) throw invalidInput("a user needs a name");
  if (patch.person_id !== undefined) await checkPerson(deps, patch.person_id);
  if (user.role === "admin" && (patch.disabled === true || (patch.role && patch.role !== "admin")))
    await keepOneAdmin(deps, user.id);
  let passwordHash: string | undefined;
  if (patch.password !== undefined) {
    const problem = passwordProblem(patch.password);
    if (problem) throw invalidInput(problem);
    passwordHash = await hashPassword(patch.password);
  }
  const { password: _p, ...fields } = patch;
  await deps.identity.updateUser(user.id, {
    ...fields,
    updated_at: deps.clock.now().toISOString(),
    ...(passwordHash ? { password_hash: passwordHash } : {}),
  });
  if (patch.disabled || patch.password !== undefined || patch.role !== undefined)
    await deps.identity.deleteUserSessions(user.id);
  await audit(deps, {
    actor,
    action: patch.disabled === true ? "user.disabled" : "user.updated",
    target: user.id,
    details: { email: user.email, ...fields, ...(passwordHash ? { password: "changed" } : {}) },
  });
  return (await deps.identity.getUser(user.id)) as User;
}

/**
 * A user's own display time zone (an IANA name such as `Europe/Berlin`), or null for the
 * organisation's. A preference about oneself, like signing out: not an administrative change,
 * so not audited.
 */
export async function setOwnTimeZone(
  deps: AuthDeps,
  user: User,
  timeZone: string | null,
): Promise<User> {
  if (timeZone !== null && !isTimeZone(timeZone)) {
    const message = `'${timeZone}' is not a time zone (an IANA name such as Europe/Berlin)`;
    throw invalidInput(message, [{ path: "time_zone", message }]);
  }
  await deps.identity.updateUser(user.id, {
    time_zone: timeZone,
    updated_at: deps.clock.now().toISOString(),
  });
  return (await deps.identity.getUser(user.id)) as User;
}

/** Refuses to disable or demote the last enabled admin: nobody could administer afterwards. */
async function keepOneAdmin(deps: AuthDeps, userId: string): Promise<void> {
  const admins = (await deps.identity.listUsers()).filter(
    (u) => u.role === "admin" && !u.disabled && u.id !== userId,
  );
  if (admins.length === 0)
    throw new DomainError("conflict", "this is the last enabled admin; create another first");
}

/**
 * The first admin from the environment (FIREBREAK_ADMIN_EMAIL and FIREBREAK_ADMIN_PASSWORD),
 * created only while no user exists: the variables can stay set without ever resetting anyone.
 */
export async function bootstrapAdmin(
  deps: AuthDeps,
  email: string | undefined,
  password: string | undefined,
  actor: Actor,
): Promise<User | undefined> {
  if (!email || !password) return undefined;
  if ((await deps.identity.countUsers()) > 0) return undefined;
  return createUser(
    deps,
    { email, name: email.split("@")[0] ?? email, role: "admin", password },
    actor,
  );
}
