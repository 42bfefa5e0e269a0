import { api } from "./client";
import type {
  DocumentKind,
  LintReport,
  Page,
  PlanBody,
  ProcedureBody,
  ProcedureSummary,
  StoredDocument,
  UploadResult,
  VersionSummary,
} from "./types";

const id = encodeURIComponent;

/** Plans, procedures, versions, lint and uploads (`src/server/routes/document.routes.ts`). */
export const documentsApi = {
  currentPlan: (signal?: AbortSignal) =>
    api<StoredDocument<PlanBody>>("/plans/current", { signal }),

  procedures: (signal?: AbortSignal) =>
    api<Page<ProcedureSummary>>("/procedures", { signal }).then((p) => p.items),

  procedure: (procedureId: string, version?: number, signal?: AbortSignal) =>
    api<StoredDocument<ProcedureBody>>(`/procedures/${id(procedureId)}`, {
      signal,
      query: { version },
    }),

  /** Every version of a document, newest first. */
  versions: (kind: DocumentKind, docId: string, signal?: AbortSignal) =>
    api<Page<VersionSummary>>(`/${kind}s/${id(docId)}/versions`, { signal }).then((p) => p.items),

  /** One version of a document, with its YAML source. */
  version: <B = Record<string, unknown>>(
    kind: DocumentKind,
    docId: string,
    version: number,
    signal?: AbortSignal,
  ) =>
    kind === "plan"
      ? api<StoredDocument<B>>(`/plans/${id(docId)}/versions/${version}`, { signal })
      : api<StoredDocument<B>>(`/procedures/${id(docId)}`, { signal, query: { version } }),

  lint: (signal?: AbortSignal) => api<LintReport>("/lint", { signal }),

  /** Uploads YAML (one or more documents separated by `---`); 422 lists line and column. */
  upload: (yaml: string) =>
    api<UploadResult>("/documents", { text: { body: yaml, contentType: "application/yaml" } }),
};
