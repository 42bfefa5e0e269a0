import type { Permission } from "../auth/permissions.matrix.js";

/**
 * Routes declare the permission they need in their options (`config: { permission: … }`); the
 * access hook (`server/access.hook.ts`) checks it. The permissions themselves and who holds them
 * are auth's (`auth/permissions.matrix.ts`).
 */
declare module "fastify" {
  interface FastifyContextConfig {
    permission?: Permission;
  }
}
