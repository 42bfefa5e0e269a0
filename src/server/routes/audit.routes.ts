import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { auditHead, auditLog, verifyAudit } from "../../audit/audit.service.js";
import type { Runtime } from "../../runtime.js";
import { AuditEntrySchema, ChainVerdictSchema } from "./identity.schemas.js";

const tags = ["audit"];

/** The audit log (admins): sign-ins, refusals and administrative changes, hash-chained. */
export const auditRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const config = { permission: "audit:read" as const };

    app.get(
      "/audit",
      {
        config,
        schema: {
          tags,
          summary: "Audit log, newest first",
          querystring: z.object({
            action: z.string().optional().describe("e.g. sign_in.failed"),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            cursor: z.string().optional(),
          }),
          response: {
            200: z.object({ items: z.array(AuditEntrySchema), next_cursor: z.string().nullable() }),
          },
        },
      },
      async (req) => {
        const page = await auditLog(
          rt,
          { action: req.query.action, cursor: req.query.cursor },
          req.query.limit,
        );
        return { ...page, items: page.items.map((e) => ({ ...e, actor: { ...e.actor } })) };
      },
    );

    app.get(
      "/audit/verify",
      {
        config,
        schema: {
          tags,
          summary: "Re-compute the audit log's hash chain",
          querystring: z.object({
            head: z
              .string()
              .regex(/^[0-9a-f]{64}$/, "a head is 64 lower-case hex digits, as `audit head` prints")
              .optional()
              .describe("a head written down earlier: it must still be in the chain"),
          }),
          response: {
            200: ChainVerdictSchema.extend({
              head: z.object({ hash: z.string(), seq: z.number().nullable() }).optional(),
            }),
          },
        },
      },
      async (req) => verifyAudit(rt, req.query.head),
    );

    app.get(
      "/audit/head",
      {
        config,
        schema: {
          tags,
          summary: "The audit log's head: its last hash and how many entries it has",
          response: { 200: z.object({ hash: z.string(), entries: z.number() }) },
        },
      },
      async () => auditHead(rt),
    );
  };
