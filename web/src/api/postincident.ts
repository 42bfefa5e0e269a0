import { endpointUrl } from "../../../src/client/client";
import { actionItems, type NewActionItemInput } from "../../../src/contract/action-items";
import { type LessonsInput, lessons } from "../../../src/contract/lessons";
import { type MetricsRange, metrics } from "../../../src/contract/metrics";
import { rcas } from "../../../src/contract/rca";
import { reports } from "../../../src/contract/reports";
import type { ReportFormat, ReportKind } from "../../../src/domain/report-kinds";
import { client } from "./client";

/**
 * Post-incident work as the pages call it: root-cause analyses, action items, lessons learned
 * (`src/contract/rca.ts`, `action-items.ts`, `lessons.ts`), reports and metrics
 * (`reports.ts`, `metrics.ts`).
 */

export type { LessonsView as Lessons } from "../../../src/contract/lessons";
export type { MetricsView as Metrics } from "../../../src/contract/metrics";
export type { CauseView as Cause, RcaView as Rca } from "../../../src/contract/rca";

const on = (id: string) => ({ params: { id } });

export const rcaApi = {
  forIncident: (ref: string, signal?: AbortSignal) =>
    client.call(rcas.ofIncident, on(ref), { signal }).then((p) => p.items),
  start: (incidentRef: string, title: string, summary: string) =>
    client.call(rcas.start, {
      body: { incident: incidentRef, title: title || undefined, scope: { summary } },
    }),
  addCause: (id: string, statement: string, parentId: string | null, version: number) =>
    client.call(
      rcas.addCause,
      { ...on(id), body: { statement, parent_id: parentId } },
      { ifMatch: version },
    ),
  setRootCause: (id: string, causeId: string, version: number) =>
    client.call(
      rcas.identifyRootCause,
      { ...on(id), body: { cause_id: causeId } },
      { ifMatch: version },
    ),
  setSolution: (id: string, summary: string, workaround: string | null, version: number) =>
    client.call(
      rcas.setSolution,
      { ...on(id), body: { summary, workaround } },
      { ifMatch: version },
    ),
};

export const actionItemsApi = {
  list: (filter: { incident?: string; overdue?: boolean }, signal?: AbortSignal) =>
    client
      .call(
        actionItems.list,
        { query: { incident: filter.incident, overdue: filter.overdue ? "true" : undefined } },
        { signal },
      )
      .then((p) => p.items),
  create: (input: NewActionItemInput) => client.call(actionItems.add, { body: input }),
  complete: (ref: string, verification: string, version: number | null) =>
    client.call(
      actionItems.update,
      { ...on(ref), body: { status: "done", verification } },
      { ifMatch: version ?? undefined },
    ),
};

export const lessonsApi = {
  get: (ref: string, signal?: AbortSignal) => client.call(lessons.get, on(ref), { signal }),
  save: (ref: string, input: LessonsInput, version?: number) =>
    client.call(lessons.record, { ...on(ref), body: input }, { ifMatch: version }),
};

export const reportsApi = {
  list: (ref: string, signal?: AbortSignal) =>
    client.call(reports.list, on(ref), { signal }).then((p) => p.items),
  generate: (ref: string, kind: ReportKind, format: ReportFormat) =>
    client.call(reports.generate, { ...on(ref), body: { kind, format } }),
  /** The stored content, served with its media type (opens in the browser). */
  url: (reportId: string) => endpointUrl(reports.content.path, { reportId }),
  metrics: (range: MetricsRange, signal?: AbortSignal) =>
    client.call(metrics.get, { query: range }, { signal }),
};
