import { z } from "zod";
import { DOCUMENT_KINDS } from "../domain/document-kind.js";
import { endpoint, Time, whole } from "./endpoint.js";

/**
 * Document approval, the same for every kind: each version's state, submission for review,
 * sign-offs, retirement, diffs. `/plans/{id}/…` (id may be `current`) is kept for plans;
 * `/documents/{kind}/{id}/…` covers every kind.
 */

const Kind = z.enum(DOCUMENT_KINDS);

const SignoffSchema = z.object({
  id: z.string(),
  review_id: z.string(),
  kind: Kind,
  plan_id: z.string().describe("the document's id (any kind)"),
  version: z.number(),
  hash: z.string().describe("the hash of the text the approver read"),
  person: z.string(),
  decision: z.enum(["approve", "request_changes"]),
  comment: z.string(),
  at: Time,
  recorded_by: z.string(),
});

const ReviewSchema = z.object({
  id: z.string(),
  kind: Kind,
  plan_id: z.string(),
  version: z.number(),
  hash: z.string(),
  status: z.enum(["open", "approved", "changes_requested", "withdrawn"]),
  submitted_at: Time,
  submitted_by: z.string(),
  note: z.string(),
  closed_at: Time.nullable(),
  signoffs: z.array(SignoffSchema),
});

const VersionStatusSchema = z.object({
  kind: Kind,
  plan_id: z.string().describe("the document's id (any kind)"),
  version: z.number(),
  label: z.string(),
  hash: z.string(),
  created_at: Time,
  created_by: z.string(),
  state: z.enum(["draft", "in_review", "approved", "due_for_review", "superseded", "retired"]),
  in_force: z.boolean().describe("the version every reader and every new incident uses"),
  required_approvers: z
    .array(z.string())
    .describe("who must sign (from the plan in force); empty: any one eligible approver"),
  quorum: z.number().int(),
  eligible_approvers: z.array(z.string()),
  review: ReviewSchema.nullable().describe("the newest round for this version"),
  missing: z.array(z.string()).describe("required approvers who have not signed the open round"),
  approvals: z.array(SignoffSchema).describe("the approving round's sign-offs"),
  approved_at: Time.nullable(),
  review_due_at: Time.nullable(),
});

const DocumentStateSchema = z.object({
  kind: Kind,
  id: z.string(),
  n: z.number(),
  state: z.enum(["in_force", "retired"]),
  version: z.number().nullable().describe("the version in force from then on; null: retired"),
  hash: z.string().nullable(),
  at: Time,
  by: z.string(),
  reason: z.string(),
});

const DocumentStatusSchema = z.object({
  kind: Kind,
  plan_id: z.string(),
  title: z.string(),
  current: VersionStatusSchema.describe("the version in force (the newest when none is)"),
  pending: VersionStatusSchema.nullable().describe("the newest version, when not in force"),
  approved: VersionStatusSchema.nullable(),
  versions: z.array(VersionStatusSchema),
  history: z
    .array(DocumentStateSchema)
    .describe("every decision on what is in force, oldest first"),
});

const VersionRef = z.object({ version: z.number(), label: z.string(), hash: z.string() });
const ItemChange = z.object({ id: z.string(), fields: z.array(z.string()) });
const ListChange = z.object({
  list: z.string(),
  name: z.string(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(ItemChange),
});

const DiffSchema = z.object({
  from: VersionRef,
  to: VersionRef,
  identical: z.boolean(),
  lists: z.array(ListChange).describe("per list, only lists with a change"),
  fields: z.array(z.string()).describe("top-level fields that differ"),
  escalation: z.array(ItemChange),
  audiences: ListChange.nullable(),
  summary: z.array(z.string()).describe("one sentence per change"),
  unified: z.string().describe("unified diff of the YAML sources"),
  stats: z.object({ added_lines: z.number(), removed_lines: z.number() }),
});

const SubmitBody = z.object({
  version: z
    .union([z.number().int(), z.string()])
    .optional()
    .describe("3, v3, current (in force), latest; default: latest"),
  note: z.string().max(5000).optional(),
});

const SignBody = z.object({
  version: z
    .union([z.number().int(), z.string()])
    .optional()
    .describe("default: the version in review"),
  hash: z.string().optional().describe("the hash of the text you read; refused if it differs"),
  decision: z.enum(["approve", "request_changes"]).default("approve"),
  comment: z.string().max(5000).optional(),
  as: z.string().optional().describe("admins: record the sign-off of this team person"),
});

const RetireBody = z.object({
  reason: z.string().max(5000).describe("why it stops being in force"),
});

const PlanParams = z.object({ id: z.string().describe("plan id, or `current`") });
const DocParams = z.object({ kind: Kind, id: z.string() });

/** The approval endpoints of one document, under `prefix` (whose params name the document). */
const reviewOf = <P extends typeof PlanParams | typeof DocParams>(prefix: string, params: P) => ({
  status: endpoint({
    method: "GET",
    path: `${prefix}/status`,
    description:
      "Each version's approval state (draft, in_review, approved, due_for_review, superseded, retired), which one is in force, its sign-offs and the in-force history.",
    params,
    response: DocumentStatusSchema,
  }),
  submit: endpoint({
    method: "POST",
    path: `${prefix}/submissions`,
    description:
      "Submits a version (default: the newest) for approval; refused (422) when it would not lint clean beside what is in force.",
    params,
    body: SubmitBody,
    response: VersionStatusSchema,
    status: 201,
  }),
  sign: endpoint({
    method: "POST",
    path: `${prefix}/signoffs`,
    description:
      "An approver's decision on the version in review, recorded with the version's hash. Once the quorum of the plan in force's approvers has signed, the version comes into force and the previous one is superseded.",
    params,
    body: SignBody,
    response: VersionStatusSchema,
    status: 201,
  }),
  diff: endpoint({
    method: "GET",
    path: `${prefix}/diff`,
    description:
      "Differences between two versions (`3`, `v3`, `current` = in force, `latest`, `approved`): YAML lines and structure.",
    params,
    query: z.object({
      from: z.string().default("current"),
      to: z.string().default("latest"),
    }),
    response: DiffSchema,
  }),
});

export const planReview = {
  /** A plan's approval: `/plans/{id}/…`, id may be `current`. */
  plan: reviewOf("/plans/:id", PlanParams),
  /** Any document's approval: `/documents/{kind}/{id}/…`. */
  document: reviewOf("/documents/:kind/:id", DocParams),
  pending: endpoint({
    method: "GET",
    path: "/documents/pending",
    description:
      "Every document whose newest version awaits approval (a draft or in review), with its approval picture.",
    response: whole(DocumentStatusSchema),
  }),
  retire: endpoint({
    method: "POST",
    path: "/documents/:kind/:id/retirement",
    description:
      "Retires a document (not a plan): no version of it is in force any more. Running incidents keep the version they pinned.",
    params: DocParams,
    body: RetireBody,
    response: DocumentStatusSchema,
    status: 201,
  }),
};

export type DocumentStatusView = z.output<typeof DocumentStatusSchema>;
export type VersionStatusView = z.output<typeof VersionStatusSchema>;
export type PlanDiffView = z.output<typeof DiffSchema>;
