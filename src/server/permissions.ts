/**
 * What a route needs the caller to be allowed to do. Every route declares one in its options
 * (`config: { permission: "incidents:write" }`); the access hook (`server/access.hook.ts`) checks
 * it against the caller's role and token scope with the one matrix in
 * `auth/permissions.matrix.ts`. A route that declares none is refused to everyone. Public routes
 * (health, OpenAPI, sign-in, receivers that authenticate with their own key) say `"public"`.
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
  | "alerts:read"
  | "alerts:write"
  | "events:ingest"
  | "reports:read"
  /** Create, list and revoke one's own API tokens. */
  | "tokens:write"
  /** Manage users and everyone's tokens. */
  | "users:admin"
  | "audit:read"
  | "admin";

declare module "fastify" {
  interface FastifyContextConfig {
    permission?: Permission;
  }
}
