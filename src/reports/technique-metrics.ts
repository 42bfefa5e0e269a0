import { visibilityFilter } from "../auth/incident-visibility.js";
import type { Actor } from "../domain/actor.js";
import { countTechniques, type TacticCount, type TechniqueCount } from "../domain/attack/counts.js";
import { invalidInput } from "../domain/errors.js";
import type { Incident } from "../domain/incident/model.js";
import type { PostIncidentDeps } from "../postincident/deps.js";
import { type AttackDeps, techniquesOfIncidents } from "../response/attack.service.js";
import { allIncidents, bound } from "./metrics.service.js";

/** What the ATT&CK views across incidents read. */
export type TechniqueMetricsDeps = PostIncidentDeps & Pick<AttackDeps, "attack">;

/**
 * The incidents the response metrics count, as `viewer` may see them: declared in
 * [from, to) (ISO dates or times; invalid_input naming the bound otherwise), not exercises, not
 * declined (no incident after all) or merged (its alerts moved to the survivor), newest first.
 */
export async function countedIncidents(
  deps: PostIncidentDeps,
  range: { from?: string; to?: string },
  viewer: Actor | undefined,
): Promise<{ from?: string; to?: string; incidents: Incident[] }> {
  const from = bound("from", range.from);
  const to = bound("to", range.to);
  if (from && to && from >= to) throw invalidInput("from must be before to");
  const visible = await visibilityFilter(deps, viewer);
  const incidents = (await allIncidents(deps)).filter(
    (i) =>
      visible(i.id) &&
      !i.exercise &&
      i.phase !== "declined" &&
      i.phase !== "merged" &&
      (!from || i.times.declared_at >= from) &&
      (!to || i.times.declared_at < to),
  );
  return { from, to, incidents };
}

/** ATT&CK techniques seen across the incidents of a period. */
export interface TechniqueMetrics {
  from: string | null;
  to: string | null;
  generated_at: string;
  /** Incidents counted (see `countedIncidents`). */
  incidents: number;
  /** Of them, those with at least one technique. */
  with_techniques: number;
  techniques: TechniqueCount[];
  by_tactic: TacticCount[];
}

/**
 * How many incidents of the period saw each technique, and each tactic: the same incidents the
 * response metrics count, their techniques read two queries per 500 incidents.
 */
export async function techniqueMetrics(
  deps: TechniqueMetricsDeps,
  range: { from?: string; to?: string },
  viewer: Actor | undefined,
): Promise<TechniqueMetrics> {
  const { from, to, incidents } = await countedIncidents(deps, range, viewer);
  const seen = [
    ...(
      await techniquesOfIncidents(
        deps,
        incidents.map((i) => i.id),
      )
    ).values(),
  ];
  return {
    from: from ?? null,
    to: to ?? null,
    generated_at: deps.clock.now().toISOString(),
    incidents: incidents.length,
    with_techniques: seen.filter((t) => t.length > 0).length,
    ...countTechniques(seen),
  };
}
