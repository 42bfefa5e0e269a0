import { ROLES, type Role, scopesFor, type TokenScope } from "../domain/access-roles.js";
/**
 * What a route needs the caller to be allowed to do. Every route declares one in its options
 * (`config: { permission: "incidents:write" }`); the access hook (`server/access.hook.ts`) checks
 * it against the caller's role and token scope with the matrix below. A route that declares none
 * is refused to everyone. Public routes (health, OpenAPI, sign-in, receivers that authenticate
 * with their own key) say `"public"`.
 */
export type Permission =
  | "public"
  /** Any signed-in user, about themselves: who am I, sign out. */
  | "self"
  | "documents:read"
  | "documents:write"
  /** Sign off a plan version; the plan's `approve_plan` authority decides who counts. */
  | "plans:approve"
  | "incidents:read"
  | "incidents:write"
  /** Take a copy of a stored evidence file (recorded in its chain of custody). */
  | "evidence:download"
  | "alerts:read"
  | "alerts:write"
  /** Change events (deploys, configuration changes) from every integration. */
  | "changes:read"
  | "events:ingest"
  | "reports:read"
  /** Create, list and revoke one's own API tokens. */
  | "tokens:write"
  /** Manage users and everyone's tokens. */
  | "users:admin"
  | "audit:read"
  | "admin";

/**
 * THE permission matrix: which account role holds which route permission, and which API token
 * scopes carry it. Nothing else decides access; docs/security.md shows this table (a test checks
 * the two agree). A `Record` over every permission makes adding a permission without a row here
 * a type error.
 */
/** Every permission a route can require (all but `public`). */
export type GuardedPermission = Exclude<Permission, "public">;

interface Row {
  roles: readonly Role[];
  scopes: readonly TokenScope[];
  /** One line for the documentation table. */
  what: string;
}

const ALL: readonly Role[] = ROLES;
const STAFF: readonly Role[] = ["admin", "responder"];
const ADMIN: readonly Role[] = ["admin"];
const READING: readonly TokenScope[] = ["read", "write"];
const WRITING: readonly TokenScope[] = ["write"];

export const MATRIX: Readonly<Record<GuardedPermission, Row>> = {
  self: { roles: ALL, scopes: READING, what: "who am I, sign out, my display time zone" },
  "documents:read": { roles: ALL, scopes: READING, what: "read plans, procedures, rules" },
  "documents:write": { roles: ADMIN, scopes: WRITING, what: "upload documents" },
  // Observers change nothing: an executive who signs plans off needs the responder role.
  "plans:approve": {
    roles: STAFF,
    scopes: WRITING,
    what: "sign off plan versions (as the plan's approve_plan authority allows)",
  },
  "incidents:read": {
    roles: ALL,
    scopes: READING,
    what: "read incidents (restricted: participants)",
  },
  "incidents:write": { roles: STAFF, scopes: WRITING, what: "declare and work incidents" },
  // Observers see an item's hash and custody, not its bytes: memory images hold secrets.
  "evidence:download": {
    roles: STAFF,
    scopes: READING,
    what: "download evidence files (restricted: participants; each download is on record)",
  },
  "alerts:read": { roles: ALL, scopes: READING, what: "read alerts" },
  // Triage and suppression silence detection: never on an ingest token, which a log shipper holds.
  "alerts:write": { roles: STAFF, scopes: WRITING, what: "triage alerts, manage suppressions" },
  "changes:read": { roles: ALL, scopes: READING, what: "list change events (deploys, config)" },
  // The one thing an ingest token does (monitors' receivers use their integration's own key).
  "events:ingest": { roles: STAFF, scopes: ["write", "ingest"], what: "send events" },
  "reports:read": { roles: ALL, scopes: READING, what: "reports and metrics" },
  "tokens:write": { roles: ALL, scopes: WRITING, what: "create and revoke one's own tokens" },
  "users:admin": { roles: ADMIN, scopes: WRITING, what: "manage users and everyone's tokens" },
  "audit:read": { roles: ADMIN, scopes: READING, what: "read and verify the audit log" },
  admin: { roles: ADMIN, scopes: WRITING, what: "other administration (integrations, settings)" },
};

export const GUARDED_PERMISSIONS = Object.keys(MATRIX) as GuardedPermission[];

/** Whether a role holds a permission, before any token scope narrows it. */
export function roleAllows(role: Role, permission: Permission): boolean {
  if (permission === "public") return true;
  const row = MATRIX[permission];
  return row?.roles.includes(role) === true;
}

/**
 * Whether a caller may use a route: their role holds the permission and, when they came with an
 * API token, its scope carries it too. An unknown permission is refused.
 */
export function allows(role: Role, scope: TokenScope | undefined, permission: Permission): boolean {
  if (permission === "public") return true;
  const row = MATRIX[permission];
  if (!row?.roles.includes(role)) return false;
  return scope === undefined || row.scopes.includes(scope);
}

/** The token scopes a role may hand out: a token never carries more than its creator holds. */
export function grantableScopes(role: Role, via?: TokenScope): TokenScope[] {
  // A token that may create tokens (write) may create any scope its user may; others none.
  return via === undefined || via === "write" ? scopesFor(role) : [];
}

/** The matrix as the Markdown table in docs/security.md. */
export function matrixMarkdown(): string {
  const head = `| Permission | What | ${ROLES.join(" | ")} | Token scopes |`;
  const rule = `| --- | --- | ${ROLES.map(() => "---").join(" | ")} | --- |`;
  const rows = GUARDED_PERMISSIONS.map((p) => {
    const r = MATRIX[p];
    const cells = ROLES.map((role) => (r.roles.includes(role) ? "yes" : "—"));
    return `| \`${p}\` | ${r.what} | ${cells.join(" | ")} | ${r.scopes.join(", ")} |`;
  });
  return [head, rule, ...rows].join("\n");
}
