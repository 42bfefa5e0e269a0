import { z } from "zod";
import { endpoint, page, Time } from "./endpoint.js";

/** The audit log (admins): sign-ins, refusals and administrative changes, hash-chained. */

const AuditEntrySchema = z.object({
  seq: z.number(),
  at: Time,
  actor: z.record(z.string(), z.unknown()),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.enum(["success", "failure", "denied"]),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prev_hash: z.string(),
  hash: z.string(),
  incident_id: z.string().nullable(),
  incident_entries: z.number().nullable(),
  incident_head: z.string().nullable(),
});

const ChainVerdictSchema = z.object({
  intact: z.boolean(),
  entries: z.number(),
  first_bad_seq: z.number().optional(),
  reason: z.string().optional(),
});

export const audit = {
  list: endpoint({
    method: "GET",
    path: "/audit",
    summary: "Audit log, newest first",
    query: z.object({
      action: z.string().optional().describe("e.g. sign_in.failed"),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      cursor: z.string().optional(),
    }),
    response: page(AuditEntrySchema),
  }),
  verify: endpoint({
    method: "GET",
    path: "/audit/verify",
    summary: "Re-compute the audit log's hash chain",
    query: z.object({
      head: z
        .string()
        .regex(/^[0-9a-f]{64}$/, "a head is 64 lower-case hex digits, as `audit head` prints")
        .optional()
        .describe("a head written down earlier: it must still be in the chain"),
    }),
    response: ChainVerdictSchema.extend({
      head: z.object({ hash: z.string(), seq: z.number().nullable() }).optional(),
    }),
  }),
  head: endpoint({
    method: "GET",
    path: "/audit/head",
    summary: "The audit log's head: its last hash and how many entries it has",
    response: z.object({ hash: z.string(), entries: z.number() }),
  }),
};

export type AuditEntryView = z.output<typeof AuditEntrySchema>;
