import { z } from "zod";
import {
  ACTION_STATUSES,
  EVIDENCE_REF_KINDS,
  PROPOSAL_STATUSES,
  RCA_STATUSES,
} from "../../postincident/postincident.types.js";

/** Request and response shapes of the post-incident routes; they also make the OpenAPI document. */
const Time = z.string().describe("ISO 8601 UTC");
const Text = (max: number) => z.string().max(max);

export const ScopeBody = z.strictObject({
  summary: Text(5000),
  in_scope: z.array(Text(500)).max(200).optional(),
  out_of_scope: z.array(Text(500)).max(200).optional(),
  window_start: z.string().nullable().optional(),
  window_end: z.string().nullable().optional(),
});

export const StartRcaBody = z.strictObject({
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

export const CauseBody = z.strictObject({
  parent_id: z
    .string()
    .nullable()
    .optional()
    .describe("the cause this one explains; none for top-level"),
  statement: Text(5000),
  evidence: z.array(EvidenceRefBody).max(100).optional(),
  contributing_factors: z.array(Text(2000)).max(100).optional(),
});
export const CausePatchBody = CauseBody.omit({ parent_id: true }).partial();
export const RootCauseBody = z.strictObject({
  cause_id: z.string(),
  workaround: Text(10000).optional(),
});
export const SolutionBody = z.strictObject({
  summary: Text(10000),
  workaround: Text(10000).nullable().optional(),
});

const EvidenceRefSchema = z.object({
  kind: z.enum(EVIDENCE_REF_KINDS),
  id: z.string(),
  incident_id: z.string(),
  note: z.string().nullable(),
});

export const CauseSchema = z.object({
  id: z.string(),
  parent_id: z.string().nullable(),
  statement: z.string(),
  evidence: z.array(EvidenceRefSchema),
  contributing_factors: z.array(z.string()),
  added_at: Time,
  added_by: z.string(),
});

export const RcaSchema = z.object({
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

export const ActionItemSchema = z.object({
  id: z.string(),
  human_id: z.string(),
  title: z.string(),
  description: z.string(),
  incident_id: z.string().nullable(),
  problem_id: z.string().nullable(),
  rca_id: z.string().nullable(),
  owner: z.string(),
  due_at: Time,
  status: z.enum(ACTION_STATUSES),
  verification: z.string().nullable(),
  verified_by: z.string().nullable(),
  cancel_reason: z.string().nullable(),
  created_at: Time,
  created_by: z.string(),
  updated_at: Time,
  completed_at: Time.nullable(),
  version: z.number(),
});

const IncidentRef = z.object({ id: z.string(), human_id: z.string(), title: z.string() });

export const ActionItemViewSchema = z.object({
  ref: z.string().describe("ACT-2026-0001, or task:<id> for a follow-up task of a closed incident"),
  id: z.string(),
  source: z.enum(["action_item", "follow_up_task"]),
  title: z.string(),
  owner: z.string().nullable(),
  owner_name: z.string().nullable(),
  due_at: Time.nullable(),
  status: z.enum(ACTION_STATUSES),
  overdue: z.boolean(),
  overdue_by_ms: z.number().nullable(),
  incident: IncidentRef.nullable(),
  problem_id: z.string().nullable(),
  rca_id: z.string().nullable(),
  verification: z.string().nullable(),
  verified_by: z.string().nullable(),
  completed_at: Time.nullable(),
  version: z.number().nullable(),
});

export const NewActionItemBody = z.strictObject({
  title: Text(500),
  description: Text(10000).optional(),
  owner: z.string().describe("a person id from the plan's team"),
  due_at: z.string().describe("ISO 8601 date or time"),
  rca: z.string().optional(),
  incident: z.string().optional(),
  problem: z.string().optional(),
});
export const RcaActionItemBody = NewActionItemBody.omit({
  rca: true,
  incident: true,
  problem: true,
});

export const ActionItemPatchBody = z.strictObject({
  status: z.enum(ACTION_STATUSES).optional(),
  owner: z.string().optional(),
  due_at: z.string().optional(),
  title: Text(500).optional(),
  description: Text(10000).optional(),
  verification: Text(5000).optional().describe("how it was verified; required to mark done"),
  verified_by: Text(300).optional(),
  cancel_reason: Text(2000).optional().describe("required to cancel"),
});

export const ActionListQuery = z.object({
  overdue: z.enum(["true", "false"]).optional(),
  owner: z.string().optional(),
  status: z.string().optional().describe("comma-separated: open,in_progress,done,cancelled"),
  incident: z.string().optional(),
  problem: z.string().optional(),
  rca: z.string().optional(),
  items_only: z.enum(["true", "false"]).optional().describe("leave out follow-up tasks"),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const ProposalTarget = z.object({
  kind: z.enum(["plan", "procedure"]),
  id: z.string(),
  version: z.number(),
  step_id: z.string().nullable(),
  section: z.string().nullable(),
});
const ProposalSchema = z.object({
  id: z.string(),
  target: ProposalTarget,
  change: z.string(),
  rationale: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
});

export const LessonsSchema = z.object({
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

export const LessonsBody = z.strictObject({
  what_happened: Text(20000),
  went_well: z.array(Text(2000)).max(200).optional(),
  went_poorly: z.array(Text(2000)).max(200).optional(),
  learned: z.array(Text(2000)).max(200).optional(),
  proposals: z
    .array(
      z.strictObject({
        id: z.string().optional().describe("keep a proposal's id when re-saving"),
        target: z.strictObject({
          kind: z.enum(["plan", "procedure"]),
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

export const ProposalViewSchema = ProposalSchema.extend({
  review_id: z.string(),
  incident: IncidentRef,
});

export const SearchHitSchema = z.object({
  kind: z.enum(["lesson", "root_cause"]),
  id: z.string(),
  incident: IncidentRef.nullable(),
  problem: IncidentRef.nullable(),
  title: z.string(),
  snippet: z.string(),
  score: z.number(),
  at: Time,
});
