import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { auditHead, auditLog, verifyAudit } from "../../audit/audit.service.js";
import { audit } from "../../contract/audit.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";

/** The audit log (admins): sign-ins, refusals and administrative changes, hash-chained. */
export const auditRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const admin = { tags: ["audit"], config: { permission: "audit:read" as const } };

    serve(app, audit.list, admin, async (req) => {
      const page = await auditLog(
        rt,
        { action: req.query.action, cursor: req.query.cursor },
        req.query.limit,
      );
      return { ...page, items: page.items.map((e) => ({ ...e, actor: { ...e.actor } })) };
    });
    serve(app, audit.verify, admin, async (req) => verifyAudit(rt, req.query.head));
    serve(app, audit.head, admin, async () => auditHead(rt));
  };
