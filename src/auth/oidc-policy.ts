import type { AuditDeps } from "../audit/audit.service.js";
import { audit } from "../audit/audit.service.js";
import { ROLES, type Role } from "../domain/access-roles.js";
import { DomainError } from "../domain/errors.js";

/**
 * Who may sign in how, and as what, once single sign-on is on: a provider's groups become a
 * Firebreak role, and passwords may be kept for break-glass admins only.
 */

/** How a provider's groups become a Firebreak role (FIREBREAK_OIDC_ROLE_GROUPS and friends). */
export interface RoleMapping {
  /** The claim holding the groups; dots reach into objects (`realm_access.roles`). */
  groupsClaim: string;
  groups: readonly { group: string; role: Role }[];
  /** The role of someone none of whose groups is mapped; `none` refuses them. */
  defaultRole: Role | "none";
}

/**
 * The groups a set of claims names under a (dotted) claim path: a list of strings, or one
 * string (some providers send a single group bare). Anything else is no groups.
 */
export function groupsOf(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return [];
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === "string") : [];
}

/**
 * The role a sign-in gets: the most powerful one any of the user's groups maps to, else the
 * default, else undefined (refused). Decided afresh at every sign-in, so leaving the admin group
 * at the provider takes admin away at the next one.
 */
export function roleFromClaims(
  claims: Record<string, unknown>,
  mapping: RoleMapping,
): Role | undefined {
  const groups = new Set(groupsOf(claims, mapping.groupsClaim));
  const given = mapping.groups.filter((m) => groups.has(m.group)).map((m) => m.role);
  const best = ROLES.find((r) => given.includes(r));
  return best ?? (mapping.defaultRole === "none" ? undefined : mapping.defaultRole);
}

export interface PasswordPolicy {
  passwordSignIn: "on" | "off";
  /** Lower-cased addresses that keep their password while passwords are off. */
  breakGlassEmails: readonly string[];
}

/**
 * Refuses (403, audited) a password sign-in while passwords are off, unless the address is a
 * break-glass admin's. Checked before the password, so the answer says nothing of it; invitation
 * and reset links, which set a password and sign in, are held to the same rule.
 */
export async function checkPasswordAllowed(
  deps: AuditDeps,
  policy: PasswordPolicy,
  email: string,
  ip: string,
): Promise<void> {
  const address = email.trim().toLowerCase();
  if (policy.passwordSignIn === "on" || policy.breakGlassEmails.includes(address)) return;
  await audit(deps, {
    action: "sign_in.failed",
    outcome: "denied",
    target: address,
    ip,
    details: { email: address, reason: "passwords_off" },
  });
  throw new DomainError(
    "forbidden",
    "password sign-in is turned off here: use the single sign-on button (only break-glass admins sign in with a password)",
  );
}
