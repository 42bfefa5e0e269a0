import { z } from "zod";
import { INCIDENT_PHASES } from "../domain/incident/phase.js";
import { PROBLEM_STATES } from "../domain/problem.js";
import { endpoint, IfMatch, page, Time } from "./endpoint.js";

/** Problems: the causes behind incidents, from open to known error to resolved. */

const LinkedIncidentSchema = z.object({
  incident_id: z.string(),
  human_id: z.string(),
  title: z.string(),
  phase: z.enum(INCIDENT_PHASES),
  severity: z.string(),
  linked_at: Time,
});

const ProblemSchema = z.object({
  id: z.string(),
  human_id: z.string(),
  title: z.string(),
  description: z.string(),
  state: z.enum(PROBLEM_STATES),
  cause: z.string().nullable(),
  workaround: z.string().nullable(),
  fix: z.string().nullable(),
  verified_by: z.string().nullable(),
  opened_at: Time,
  opened_by: z.string(),
  known_error_at: Time.nullable(),
  resolved_at: Time.nullable(),
  updated_at: Time,
  version: z.number().describe("send it back as If-Match to refuse a change made on a stale view"),
});

const ProblemDetailSchema = ProblemSchema.extend({ incidents: z.array(LinkedIncidentSchema) });

const OpenBody = z.strictObject({
  title: z.string().max(300),
  description: z.string().max(20_000).optional(),
  incidents: z.array(z.string()).max(500).optional().describe("incident ids or human ids"),
});

const TransitionBody = z.strictObject({
  to: z.enum(PROBLEM_STATES),
  cause: z.string().max(10_000).optional().describe("required for known_error"),
  workaround: z.string().max(10_000).optional().describe("required for known_error"),
  fix: z.string().max(10_000).optional().describe("required for resolved"),
  verified_by: z.string().max(300).optional().describe("required for resolved"),
});

const ListQuery = z.object({
  state: z.string().optional().describe("comma-separated states"),
  incident: z.string().optional().describe("only problems linked to this incident"),
  q: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});

const ProblemRef = z.object({
  id: z.string().describe("problem id or human id such as PRB-2026-0001"),
});

/** A change of one problem: by id, on the version the caller saw (If-Match). */
const change = { params: ProblemRef, headers: IfMatch } as const;

export const problems = {
  list: endpoint({
    method: "GET",
    path: "/problems",
    query: ListQuery,
    response: page(ProblemSchema),
  }),
  open: endpoint({
    method: "POST",
    path: "/problems",
    description: "Opens a problem (cause unknown), optionally linked to incidents.",
    body: OpenBody,
    response: ProblemDetailSchema,
    status: 201,
  }),
  get: endpoint({
    method: "GET",
    path: "/problems/:id",
    params: ProblemRef,
    response: ProblemDetailSchema,
  }),
  link: endpoint({
    method: "POST",
    path: "/problems/:id/incidents",
    description:
      "Links incidents to the problem; each newly linked incident's timeline records it.",
    ...change,
    body: z.strictObject({ incidents: z.array(z.string()).min(1).max(500) }),
    response: ProblemDetailSchema,
  }),
  transition: endpoint({
    method: "POST",
    path: "/problems/:id/transition",
    description:
      "open → known_error (cause and workaround required) → resolved (fix and verified_by required). Any other move is refused with 409.",
    ...change,
    body: TransitionBody,
    response: ProblemDetailSchema,
  }),
};

export type ProblemView = z.output<typeof ProblemSchema>;
export type ProblemDetail = z.output<typeof ProblemDetailSchema>;
export type LinkedIncidentView = z.output<typeof LinkedIncidentSchema>;
export type OpenProblemInput = z.input<typeof OpenBody>;
export type TransitionInput = z.input<typeof TransitionBody>;
export type ProblemListQuery = z.input<typeof ListQuery>;
