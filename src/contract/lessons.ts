import { z } from "zod";
import { PROPOSAL_STATUSES } from "../domain/post-incident-states.js";
import { endpoint, IfMatch, Time, whole } from "./endpoint.js";
import { IncidentRefSchema, Text } from "./post-incident.js";

/**
 * Lessons learned: an incident's formal review with its change proposals for the plan and
 * procedures, the proposals against one document, and "has this happened before?".
 */

const DocumentKind = z.enum(["plan", "procedure"]);

const ProposalSchema = z.object({
  id: z.string(),
  target: z.object({
    kind: DocumentKind,
    id: z.string(),
    version: z.number(),
    step_id: z.string().nullable(),
    section: z.string().nullable(),
  }),
  change: z.string(),
  rationale: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
});

const LessonsSchema = z.object({
  id: z.string(),
  incident_id: z.string(),
  what_happened: z.string(),
  went_well: z.array(z.string()),
  went_poorly: z.array(z.string()),
  learned: z.array(z.string()),
  proposals: z.array(ProposalSchema),
  created_at: Time,
  created_by: z.string(),
  updated_at: Time,
  updated_by: z.string(),
  version: z.number(),
});

const LessonsBody = z.strictObject({
  what_happened: Text(20000),
  went_well: z.array(Text(2000)).max(200).optional(),
  went_poorly: z.array(Text(2000)).max(200).optional(),
  learned: z.array(Text(2000)).max(200).optional(),
  proposals: z
    .array(
      z.strictObject({
        id: z.string().optional().describe("keep a proposal's id when re-saving"),
        target: z.strictObject({
          kind: DocumentKind,
          id: z.string().optional().describe("default: the incident's plan or procedure"),
          version: z.number().int().positive().optional().describe("default: the pinned version"),
          step_id: z.string().optional(),
          section: z.string().optional(),
        }),
        change: Text(10000),
        rationale: Text(10000).optional(),
        status: z.enum(PROPOSAL_STATUSES).optional(),
      }),
    )
    .max(100)
    .optional(),
});

const ProposalViewSchema = ProposalSchema.extend({
  review_id: z.string(),
  incident: IncidentRefSchema,
});

const SearchHitSchema = z.object({
  kind: z.enum(["lesson", "root_cause"]),
  id: z.string(),
  incident: IncidentRefSchema.nullable(),
  problem: IncidentRefSchema.nullable(),
  title: z.string(),
  snippet: z.string(),
  score: z.number(),
  at: Time,
});

const IncidentParams = z.object({ id: z.string().describe("incident id or human id") });

export const lessons = {
  get: endpoint({
    method: "GET",
    path: "/incidents/:id/lessons",
    params: IncidentParams,
    response: LessonsSchema,
  }),
  record: endpoint({
    method: "PUT",
    path: "/incidents/:id/lessons",
    description:
      "Records or revises the lessons-learned review. Each change proposal must point at a step or section of the plan or procedure version it names (default: the incident's pinned one).",
    params: IncidentParams,
    headers: IfMatch,
    body: LessonsBody,
    response: LessonsSchema,
  }),
  proposals: endpoint({
    method: "GET",
    path: "/change-proposals",
    description:
      "Every lessons-learned change proposal against a plan or procedure: input for its next version.",
    query: z.object({ kind: DocumentKind, id: z.string() }),
    response: whole(ProposalViewSchema),
  }),
  search: endpoint({
    method: "GET",
    path: "/search/lessons",
    description:
      "Has this happened before? Past lessons-learned reviews and root causes, best match first (exercises left out).",
    query: z.object({
      q: z.string(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    response: z.object({
      query: z.string(),
      terms: z.array(z.string()),
      items: z.array(SearchHitSchema),
    }),
  }),
};

export type LessonsView = z.output<typeof LessonsSchema>;
export type LessonsInput = z.input<typeof LessonsBody>;
export type ProposalView = z.output<typeof ProposalViewSchema>;
export type LessonSearchHitView = z.output<typeof SearchHitSchema>;
