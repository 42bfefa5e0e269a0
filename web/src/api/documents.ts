import { documents, type PlanBody, type ProcedureBody } from "../../../src/contract/documents";
import { client } from "./client";

export type {
  DeadlineSpan,
  DocumentView as StoredDocument,
  LintFinding,
  LintReport,
  PlanBody,
  ProcedureBody,
  ProcedureSummary,
  UploadResult,
  VersionSummary,
} from "../../../src/contract/documents";
export type AttributeDefinition = PlanBody["attributes"][number];
export type Obligation = PlanBody["compliance"][number];
export type ProcedureStep = ProcedureBody["steps"][keyof ProcedureBody["steps"]][number];

/** The kinds of document the web shows (the others are read through the CLI). */
export type DocumentKind = "plan" | "procedure";

/** Plans, procedures, versions, lint and uploads (`src/contract/documents.ts`). */
export const documentsApi = {
  currentPlan: (signal?: AbortSignal) => client.call(documents.currentPlan, {}, { signal }),

  procedures: (signal?: AbortSignal) =>
    client.call(documents.procedures, {}, { signal }).then((p) => p.items),

  procedure: (procedureId: string, version?: number, signal?: AbortSignal) =>
    client.call(
      documents.procedure,
      { params: { id: procedureId }, query: { version } },
      { signal },
    ),

  /** Every version of a document, newest first. */
  versions: (kind: DocumentKind, docId: string, signal?: AbortSignal) =>
    client
      .call(
        kind === "plan" ? documents.planVersions : documents.procedureVersions,
        { params: { id: docId } },
        { signal },
      )
      .then((p) => p.items),

  /** One version of a plan, with its YAML source. */
  planVersion: (planId: string, version: number, signal?: AbortSignal) =>
    client.call(documents.planVersion, { params: { id: planId, version } }, { signal }),

  /** One version of a document, with its YAML source. */
  version: (kind: DocumentKind, docId: string, version: number, signal?: AbortSignal) =>
    kind === "plan"
      ? documentsApi.planVersion(docId, version, signal)
      : documentsApi.procedure(docId, version, signal),

  lint: (signal?: AbortSignal) => client.call(documents.lint, {}, { signal }),

  /** Lints YAML as an upload of it would be, storing nothing: errors come back as a report. */
  lintText: (yaml: string, signal?: AbortSignal) =>
    client.call(documents.lintText, { body: yaml }, { signal }),

  /** Uploads YAML (one or more documents separated by `---`); 422 lists line and column. */
  upload: (yaml: string) => client.call(documents.upload, { body: yaml }),
};
