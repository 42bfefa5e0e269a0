import { visibleTo } from "../auth/incident-visibility.js";
import type { Actor } from "../domain/actor.js";
import { invalidInput } from "../domain/errors.js";
import type { Incident } from "../domain/incident/model.js";
import { type MetricsReport, metricsFromCells } from "../domain/metrics.js";
import { overdueActionItems } from "../postincident/action-list.js";
import type { PostIncidentDeps } from "../postincident/deps.js";
import { incidentPages } from "../response/incident-pages.js";

export function bound(field: string, value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  const t = /^\d{4}-\d{2}(-\d{2})?(T|$)/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(t))
    throw invalidInput(`${field} must be an ISO 8601 date or time, such as 2026-01-01`, [
      { message: "not an ISO 8601 time", path: field },
    ]);
  return new Date(t).toISOString();
}

/** Every incident (exercises included, so they can be counted as left out), newest first. */
export async function allIncidents(deps: Pick<PostIncidentDeps, "incidents">): Promise<Incident[]> {
  const out: Incident[] = [];
  for await (const page of incidentPages(deps.incidents, { exercise: true }, 500))
    out.push(...page);
  return out;
}

/**
 * MTTD, MTTA, MTTC, MTTR and time to close (mean, median, 90th percentile) over the incidents
 * declared in [from, to), by severity, type and month; plan adherence; overdue action items now.
 * Added up in the database (one aggregate query over the incident rows), not in memory: at
 * 100,000 incidents reading them all took seconds.
 */
export async function metrics(
  deps: PostIncidentDeps,
  range: { from?: string; to?: string },
  /** Who asks: restricted incidents they may not see are left out before anything is computed. */
  viewer?: Actor,
): Promise<MetricsReport> {
  const from = bound("from", range.from);
  const to = bound("to", range.to);
  if (from && to && from >= to) throw invalidInput("from must be before to");
  const now = deps.clock.now();
  const cells = await deps.incidents.metricCells({ from, to, visibleTo: visibleTo(viewer) });
  const overdue = (await overdueActionItems(deps, now, viewer)).length;
  return metricsFromCells(cells, { from, to, now, overdueActionItems: overdue });
}
