/**
 * What a route needs the caller to be allowed to do. Every route declares one in its options
 * (`config: { permission: "incidents:write" }`); the access layer checks it against the caller's
 * role. Public routes (health, receivers that authenticate with their own key) say `"public"`.
 */
export type Permission =
  | "public"
  | "documents:read"
  | "documents:write"
  | "incidents:read"
  | "incidents:write"
  | "alerts:read"
  | "alerts:write"
  | "events:ingest"
  | "reports:read"
  | "admin";

declare module "fastify" {
  interface FastifyContextConfig {
    permission?: Permission;
  }
}
