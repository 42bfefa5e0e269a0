import { z } from "zod";
import { EVIDENCE_REF_KINDS, RCA_STATUSES } from "../domain/post-incident-states.js";
import { ActionItemSchema, RcaActionItemBody } from "./action-items.js";
import { endpoint, IfMatch, Time, whole } from "./endpoint.js";
import { Text } from "./post-incident.js";

/**
 * Root-cause analysis in its four steps: scope, causal relationships ("why" links with evidence
 * and contributing factors, then the root cause), the solution, and its action items.
 */

const ScopeBody = z.strictObject({
  summary: Text(5000),
  in_scope: z.array(Text(500)).max(200).optional(),
  out_of_scope: z.array(Text(500)).max(200).optional(),
  window_start: z.string().nullable().optional(),
  window_end: z.string().nullable().optional(),
});

const StartRcaBody = z.strictObject({
  incident: z.string().optional().describe("incident id or human id; or give problem"),
  problem: z.string().optional().describe("problem id or human id; or give incident"),
  title: Text(300).optional(),
  scope: ScopeBody,
});

const EvidenceRefBody = z.strictObject({
  kind: z.enum(EVIDENCE_REF_KINDS),
  id: z
    .union([z.string(), z.number()])
    .describe("evidence/indicator/task/alert id, or timeline seq"),
  incident: z.string().optional().describe("needed only when several incidents are in scope"),
  note: Text(1000).optional(),
});

const CauseBody = z.strictObject({
  parent_id: z
    .string()
    .nullable()
    .optional()
    .describe("the cause this one explains; none for top-level"),
  statement: Text(5000),
  evidence: z.array(EvidenceRefBody).max(100).optional(),
  contributing_factors: z.array(Text(2000)).max(100).optional(),
});
const CausePatchBody = CauseBody.omit({ parent_id: true }).partial();
const RootCauseBody = z.strictObject({
  cause_id: z.string(),
  workaround: Text(10000).optional(),
});
const SolutionBody = z.strictObject({
  summary: Text(10000),
  workaround: Text(10000).nullable().optional(),
});

const EvidenceRefSchema = z.object({
  kind: z.enum(EVIDENCE_REF_KINDS),
  id: z.string(),
  incident_id: z.string(),
  note: z.string().nullable(),
});

const CauseSchema = z.object({
  id: z.string(),
  parent_id: z.string().nullable(),
  statement: z.string(),
  evidence: z.array(EvidenceRefSchema),
  contributing_factors: z.array(z.string()),
  added_at: Time,
  added_by: z.string(),
});

const RcaSchema = z.object({
  id: z.string(),
  human_id: z.string(),
  title: z.string(),
  incident_id: z.string().nullable(),
  problem_id: z.string().nullable(),
  scope: z.object({
    summary: z.string(),
    in_scope: z.array(z.string()),
    out_of_scope: z.array(z.string()),
    window_start: Time.nullable(),
    window_end: Time.nullable(),
  }),
  causes: z.array(CauseSchema),
  root_cause_id: z.string().nullable(),
  solution: z
    .object({
      summary: z.string(),
      workaround: z.string().nullable(),
      decided_at: Time,
      decided_by: z.string(),
    })
    .nullable(),
  status: z.enum(RCA_STATUSES).describe("scoping → analysing → solution → implementing → complete"),
  created_at: Time,
  created_by: z.string(),
  updated_at: Time,
  version: z.number(),
});

const RcaList = whole(RcaSchema);

const RcaParams = z.object({ id: z.string().describe("RCA id or human id such as RCA-2026-0001") });
const CauseParams = RcaParams.extend({ causeId: z.string() });

/** A change of one RCA: by id, on the version the caller saw (If-Match). */
const change = { params: RcaParams, headers: IfMatch } as const;

export const rcas = {
  start: endpoint({
    method: "POST",
    path: "/rcas",
    body: StartRcaBody,
    response: RcaSchema,
    status: 201,
  }),
  list: endpoint({
    method: "GET",
    path: "/rcas",
    query: z.object({ incident: z.string().optional(), problem: z.string().optional() }),
    response: RcaList,
  }),
  ofIncident: endpoint({
    method: "GET",
    path: "/incidents/:id/rcas",
    params: z.object({ id: z.string() }),
    response: RcaList,
  }),
  get: endpoint({ method: "GET", path: "/rcas/:id", params: RcaParams, response: RcaSchema }),
  updateScope: endpoint({
    method: "PUT",
    path: "/rcas/:id/scope",
    ...change,
    body: ScopeBody,
    response: RcaSchema,
  }),
  addCause: endpoint({
    method: "POST",
    path: "/rcas/:id/causes",
    description: 'Step 2: a "why" link; evidence must be recorded on an incident in scope.',
    ...change,
    body: CauseBody,
    response: z.object({ rca: RcaSchema, cause: CauseSchema }),
    status: 201,
  }),
  updateCause: endpoint({
    method: "PATCH",
    path: "/rcas/:id/causes/:causeId",
    params: CauseParams,
    headers: IfMatch,
    body: CausePatchBody,
    response: RcaSchema,
  }),
  removeCause: endpoint({
    method: "DELETE",
    path: "/rcas/:id/causes/:causeId",
    params: CauseParams,
    headers: IfMatch,
    response: RcaSchema,
  }),
  identifyRootCause: endpoint({
    method: "POST",
    path: "/rcas/:id/root-cause",
    description: "Names the root cause; linked open problems become known errors with it.",
    ...change,
    body: RootCauseBody,
    response: z.object({ rca: RcaSchema, problems_updated: z.array(z.string()) }),
  }),
  setSolution: endpoint({
    method: "PUT",
    path: "/rcas/:id/solution",
    ...change,
    body: SolutionBody,
    response: RcaSchema,
  }),
  addActionItem: endpoint({
    method: "POST",
    path: "/rcas/:id/action-items",
    description: "Step 4: an action item implementing the solution (owner, due date).",
    params: RcaParams,
    body: RcaActionItemBody,
    response: ActionItemSchema,
    status: 201,
  }),
};

export type RcaView = z.output<typeof RcaSchema>;
export type CauseView = z.output<typeof CauseSchema>;
