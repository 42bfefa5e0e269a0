import { z } from "zod";
// Types only: a document's body is typed by its kind's schema (below), and the web, which
// imports this file, does not bundle the document schemas.
import type { DeadlineAlternative, PlanDocument } from "../documents/plan.schema.js";
import type { ProcedureDocument } from "../documents/procedure.schema.js";
import { ById, endpoint, Time, whole } from "./endpoint.js";

/** Documents: plans and procedures in force and their versions, uploads, lint. */

export const VersionSummarySchema = z.object({
  kind: z.string(),
  id: z.string(),
  version: z.number().int(),
  label: z.string().describe("the author's own version label (`version:` in the YAML)"),
  title: z.string(),
  hash: z.string(),
  origin: z.string(),
  created_at: Time,
  created_by: z.string(),
});

/** A version in a document's list: is it the one in force (the others are drafts or older)? */
const VersionListItem = VersionSummarySchema.extend({
  in_force: z.boolean().describe("the version every reader uses; newer ones are drafts"),
});

/**
 * A body as stored. It was validated by its kind's schema (`documents/*.schema.ts`) when it was
 * uploaded, so it is typed by that schema's output; the answer passes it on as stored rather than
 * validating the whole document again on every read (and the OpenAPI document stays readable).
 */
export const storedBody = <B>() =>
  z.record(z.string(), z.unknown()) as unknown as z.ZodType<B, Record<string, unknown>>;

/** One version with its YAML source and its parsed body. */
const fullDocument = <B>() =>
  VersionSummarySchema.extend({ source: z.string(), body: storedBody<B>() });

const PlanDocumentSchema = fullDocument<PlanDocument>();
const ProcedureDocumentSchema = fullDocument<ProcedureDocument>();

const ProcedureSummarySchema = VersionSummarySchema.extend({
  applies_to: z.object({
    incident_types: z.array(z.string()),
    severities: z.array(z.string()).describe("severity ids; empty means every severity"),
  }),
});

export const LintFindingSchema = z.object({
  level: z.enum(["error", "warning"]),
  file: z.string(),
  line: z.number(),
  column: z.number(),
  path: z
    .string()
    .describe(
      "document kind and id, then the path inside it: `procedure ransomware: steps.containment[0].role`",
    ),
  message: z.string(),
});

const LintReportSchema = z.object({
  errors: z.number(),
  warnings: z.number(),
  findings: z.array(LintFindingSchema),
});

const UploadResultSchema = z.object({
  stored: z.array(VersionSummarySchema),
  in_force: z.boolean().describe("false: the stored versions are drafts awaiting approval"),
  unchanged: z.array(z.object({ kind: z.string(), id: z.string() })),
  warnings: z.array(LintFindingSchema),
});

/** The media types an upload may be sent as; the first is the one to use. */
export const YAML_TYPES = [
  "application/yaml",
  "application/x-yaml",
  "text/yaml",
  "text/x-yaml",
  "text/plain",
] as const;

const versionList = (path: string) =>
  endpoint({
    method: "GET",
    path,
    description: "Every version of the document, newest first, marking the one in force.",
    params: ById,
    response: whole(VersionListItem),
  });

export const documents = {
  currentPlan: endpoint({
    method: "GET",
    path: "/plans/current",
    response: PlanDocumentSchema,
  }),
  planVersions: versionList("/plans/:id/versions"),
  planVersion: endpoint({
    method: "GET",
    path: "/plans/:id/versions/:version",
    params: ById.extend({ version: z.coerce.number().int().positive() }),
    response: PlanDocumentSchema,
  }),
  procedures: endpoint({
    method: "GET",
    path: "/procedures",
    response: whole(ProcedureSummarySchema),
  }),
  procedureVersions: versionList("/procedures/:id/versions"),
  procedure: endpoint({
    method: "GET",
    path: "/procedures/:id",
    params: ById,
    query: z.object({
      version: z.coerce.number().int().positive().optional().describe("default: the one in force"),
    }),
    response: ProcedureDocumentSchema,
  }),
  upload: endpoint({
    method: "POST",
    path: "/documents",
    description: `Upload one or more YAML documents (plan, procedure, declaration policy, exercise) separated by '---', as ${YAML_TYPES[0]}. The whole set is validated and linted with what is in force; any error rejects all of it (422 with errors carrying line and column). New versions are drafts: they come into force once approved (POST /documents/{kind}/{id}/submissions, then /signoffs); only the first load into an empty database is in force at once.`,
    consumes: YAML_TYPES,
    body: z.string().describe("YAML documents separated by '---'"),
    response: UploadResultSchema,
    status: 201,
  }),
  lintText: endpoint({
    method: "POST",
    path: "/documents/lint",
    description: `Lints YAML documents (as ${YAML_TYPES[0]}) exactly as an upload of them would be, with what is in force, and stores nothing: YAML and schema problems, else the lint of the set, each with line and column in the posted text (file \`upload\`). Errors are part of the report (200), not a refusal.`,
    consumes: YAML_TYPES,
    body: z.string().describe("YAML documents separated by '---'"),
    response: LintReportSchema,
  }),
  lint: endpoint({
    method: "GET",
    path: "/lint",
    description: "Lint of the documents in force, with line and column of each finding.",
    response: LintReportSchema,
  }),
};

export type VersionSummary = z.output<typeof VersionSummarySchema>;
export type VersionListEntry = z.output<typeof VersionListItem>;
export type ProcedureSummary = z.output<typeof ProcedureSummarySchema>;
/** A stored version with its body, typed by its kind (a plan, a procedure, or any). */
export type DocumentView<B = Record<string, unknown>> = z.output<
  ReturnType<typeof fullDocument<B>>
>;
export type LintFinding = z.output<typeof LintFindingSchema>;
export type LintReport = z.output<typeof LintReportSchema>;
export type UploadResult = z.output<typeof UploadResultSchema>;
export type PlanBody = PlanDocument;
/** One span of an obligation's deadline: `within` or `business_days`, from a start or a deadline. */
export type DeadlineSpan = z.output<typeof DeadlineAlternative>;
export type ProcedureBody = ProcedureDocument;
