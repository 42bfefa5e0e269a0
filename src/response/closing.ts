import type { ClosingObligation, PlanDocument } from "../documents/plan.schema.js";
import type { ResponseDeps } from "./deps.js";

/**
 * What closing reads of the post-incident record: the RCA, lessons and report stores
 * (`postincident/`, `reports/`), described structurally so that response needs neither module.
 * The `Runtime` (`runtime.ts`) provides them.
 */
export interface ClosingRecords {
  postincident: {
    listRcas(filter: { incident?: string }): Promise<{ human_id: string; status: string }[]>;
    getLessons(incidentId: string): Promise<object | undefined>;
  };
  reports: { list(incidentId: string): Promise<{ kind: string }[]> };
}

/** What closing an incident takes: the response deps and the post-incident record. */
export type CloseDeps = ResponseDeps & ClosingRecords;

/** How each obligation reads in a refusal, on the timeline and in the after-action report. */
export const CLOSING_OBLIGATION_NAMES: Record<ClosingObligation, string> = {
  root_cause_analysis: "a root-cause analysis with its root cause and solution decided",
  lessons_learned: "a lessons-learned review",
  after_action_report: "an after-action report",
  executive_report: "an executive report",
};

/**
 * RCA statuses that satisfy the obligation: the analysis is done once the root cause is found and
 * the solution decided; its action items are tracked after the incident closes.
 */
const ANALYSED = new Set(["implementing", "complete"]);

/** The post-incident work the plan requires before an incident at this severity closes. */
export function closingObligations(plan: PlanDocument, severity: string): ClosingObligation[] {
  return plan.severity_scale.find((s) => s.id === severity)?.close_requires ?? [];
}

/** Which of the required obligations the incident's record does not meet yet. */
export async function unmetClosingObligations(
  deps: ClosingRecords,
  incidentId: string,
  required: readonly ClosingObligation[],
): Promise<ClosingObligation[]> {
  if (required.length === 0) return [];
  const [rcas, lessons, reports] = await Promise.all([
    deps.postincident.listRcas({ incident: incidentId }),
    deps.postincident.getLessons(incidentId),
    deps.reports.list(incidentId),
  ]);
  const met: Record<ClosingObligation, boolean> = {
    root_cause_analysis: rcas.some((r) => ANALYSED.has(r.status)),
    lessons_learned: lessons !== undefined,
    after_action_report: reports.some((r) => r.kind === "after-action"),
    executive_report: reports.some((r) => r.kind === "executive"),
  };
  return required.filter((o) => !met[o]);
}
