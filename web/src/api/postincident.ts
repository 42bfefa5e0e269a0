import { api, apiUrl } from "./client";
import type { Page } from "./types";

/**
 * Post-incident work: root-cause analyses, action items, lessons learned
 * (`src/server/routes/rca.routes.ts`, `action-item.routes.ts`, shapes in
 * `postincident.schemas.ts`).
 */

export interface Cause {
  id: string;
  parent_id: string | null;
  statement: string;
  contributing_factors: string[];
  evidence: { kind: string; id: string; note: string | null }[];
  added_at: string;
  added_by: string;
}

export interface Rca {
  id: string;
  human_id: string;
  title: string;
  incident_id: string | null;
  problem_id: string | null;
  scope: { summary: string; in_scope: string[]; out_of_scope: string[] };
  causes: Cause[];
  root_cause_id: string | null;
  solution: {
    summary: string;
    workaround: string | null;
    decided_at: string;
    decided_by: string;
  } | null;
  status: "scoping" | "analysing" | "solution" | "implementing" | "complete";
  updated_at: string;
  version: number;
}

export const ACTION_STATUSES = ["open", "in_progress", "done", "cancelled"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** An action item, or a follow-up task of a closed incident, as the list shows both. */
export interface ActionItemView {
  ref: string;
  id: string;
  source: "action_item" | "follow_up_task";
  title: string;
  owner: string | null;
  owner_name: string | null;
  due_at: string | null;
  status: ActionStatus;
  overdue: boolean;
  incident: { id: string; human_id: string; title: string } | null;
  rca_id: string | null;
  verification: string | null;
  completed_at: string | null;
  version: number | null;
}

export interface Lessons {
  what_happened: string;
  went_well: string[];
  went_poorly: string[];
  learned: string[];
  updated_at: string;
  updated_by: string;
  version: number;
}

export interface LessonsInput {
  what_happened: string;
  went_well?: string[];
  went_poorly?: string[];
  learned?: string[];
}

const rca = (id: string) => `/rcas/${encodeURIComponent(id)}`;
const incident = (ref: string) => `/incidents/${encodeURIComponent(ref)}`;

export const rcaApi = {
  forIncident: (ref: string, signal?: AbortSignal) =>
    api<Page<Rca>>(`${incident(ref)}/rcas`, { signal }).then((p) => p.items),
  start: (incidentRef: string, title: string, summary: string) =>
    api<Rca>("/rcas", {
      json: { incident: incidentRef, title: title || undefined, scope: { summary } },
    }),
  addCause: (id: string, statement: string, parentId: string | null, version: number) =>
    api<{ rca: Rca }>(`${rca(id)}/causes`, {
      json: { statement, parent_id: parentId },
      ifMatch: version,
    }),
  setRootCause: (id: string, causeId: string, version: number) =>
    api<{ rca: Rca }>(`${rca(id)}/root-cause`, { json: { cause_id: causeId }, ifMatch: version }),
  setSolution: (id: string, summary: string, workaround: string | null, version: number) =>
    api<Rca>(`${rca(id)}/solution`, {
      method: "PUT",
      json: { summary, workaround },
      ifMatch: version,
    }),
};

export const actionItemsApi = {
  list: (filter: { incident?: string; overdue?: boolean }, signal?: AbortSignal) =>
    api<Page<ActionItemView>>("/action-items", {
      signal,
      query: { incident: filter.incident, overdue: filter.overdue ? "true" : undefined },
    }).then((p) => p.items),
  create: (input: {
    title: string;
    owner: string;
    due_at: string;
    incident?: string;
    rca?: string;
  }) => api<unknown>("/action-items", { json: input }),
  complete: (ref: string, verification: string, version: number | null) =>
    api<unknown>(`/action-items/${encodeURIComponent(ref)}`, {
      method: "PATCH",
      json: { status: "done", verification },
      ifMatch: version ?? undefined,
    }),
};

export const lessonsApi = {
  get: (ref: string, signal?: AbortSignal) => api<Lessons>(`${incident(ref)}/lessons`, { signal }),
  save: (ref: string, input: LessonsInput, version?: number) =>
    api<Lessons>(`${incident(ref)}/lessons`, { method: "PUT", json: input, ifMatch: version }),
};

// ---- reports and metrics (`src/server/routes/report.routes.ts`) ---------------------------

export const REPORT_KINDS = [
  "technical",
  "executive",
  "after-action",
  "regulator-gdpr",
  "regulator-nis2",
  "regulator-sec-8k",
] as const;
export const REPORT_FORMATS = ["html", "md", "pdf"] as const;

export interface ReportMeta {
  id: string;
  incident_id: string;
  kind: (typeof REPORT_KINDS)[number];
  format: (typeof REPORT_FORMATS)[number];
  version: number;
  title: string;
  sha256: string;
  size: number;
  created_at: string;
  created_by: string;
}

export const METRICS = ["mttd", "mtta", "mttc", "mttr", "time_to_close"] as const;
export type MetricName = (typeof METRICS)[number];

export interface Stats {
  count: number;
  mean_ms: number | null;
  median_ms: number | null;
  p90_ms: number | null;
}

export interface MetricGroup {
  incidents: number;
  metrics: Record<MetricName, Stats>;
}

export interface Metrics {
  from: string | null;
  to: string | null;
  incidents: number;
  excluded: { exercises: number; declined_or_merged: number };
  overall: Record<MetricName, Stats>;
  by_severity: Record<string, MetricGroup>;
  by_type: Record<string, MetricGroup>;
  by_month: Record<string, MetricGroup>;
  plan_adherence: {
    judged: number;
    on_time: number;
    late: number;
    skipped: number;
    not_done: number;
    rate: number | null;
  };
  overdue_action_items: number;
}

export const reportsApi = {
  list: (ref: string, signal?: AbortSignal) =>
    api<Page<ReportMeta>>(`${incident(ref)}/reports`, { signal }).then((p) => p.items),
  generate: (ref: string, kind: string, format: string) =>
    api<ReportMeta>(`${incident(ref)}/reports`, { json: { kind, format } }),
  /** The stored content, served with its media type (opens in the browser). */
  url: (reportId: string) => apiUrl(`/reports/${encodeURIComponent(reportId)}`),
  metrics: (range: { from?: string; to?: string }, signal?: AbortSignal) =>
    api<Metrics>("/metrics", { signal, query: range }),
};
