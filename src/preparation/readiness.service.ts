import { undeliverableChannels } from "../comms/channels/deliverability.js";
import { currentPlan, lintCurrent } from "../documents/document.service.js";
import { durationMs, isDuration } from "../domain/duration.js";
import { invalidInput } from "../domain/errors.js";
import { newRowId } from "../domain/row-id.js";
import { incidentPages } from "../response/incident-pages.js";
import { listActivities } from "./activity.service.js";
import { logSourceCoverage } from "./log-sources.js";
import { documentStatus } from "./plan-review.service.js";
import type { PreparationDeps } from "./preparation.types.js";
import { computeReadiness, type Readiness } from "./readiness.js";

/** The windows the readiness score looks back over. */
export interface ReadinessOptions {
  /** Incident types count as exercised when exercised within this long; default P12M. */
  exercised_within?: string;
  /** Log sources count as seen when events arrived within this long; default P7D. */
  coverage_window?: string;
}

function option(name: string, value: string | undefined, fallback: string): string {
  if (value === undefined || value === "") return fallback;
  if (!isDuration(value))
    throw invalidInput(`${name} must be an ISO 8601 duration such as P12M`, [
      { message: "not a duration", path: name },
    ]);
  return value;
}

/**
 * Incident types exercised since a time: the expected type of every finished exercise run, and
 * the type of every exercise incident declared (a drill someone ran by hand counts too).
 */
async function exercisedTypes(deps: PreparationDeps, since: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const note = (type: string, at: string) => {
    if ((out.get(type) ?? "") < at) out.set(type, at);
  };
  for (const run of await deps.preparation.runs.list({ status: "finished", since }, 1000))
    note(run.expected_type, run.finished_at ?? run.started_at);
  let pages = 0;
  for await (const items of incidentPages(deps.incidents, { exercise: true }, 500)) {
    for (const i of items)
      if (i.exercise && i.times.declared_at >= since) note(i.type, i.times.declared_at);
    if (++pages === 20 || items.every((i) => i.times.declared_at < since)) break;
  }
  return out;
}

/** The readiness score now, computed from what is stored (nothing is written). */
export async function readiness(
  deps: PreparationDeps,
  options: ReadinessOptions = {},
): Promise<Readiness> {
  const opts = {
    exercised_within: option("exercised_within", options.exercised_within, "P12M"),
    coverage_window: option("coverage_window", options.coverage_window, "P7D"),
  };
  const now = deps.clock.now();
  const plan = await currentPlan(deps.documents);
  const since = new Date(now.getTime() - durationMs(opts.exercised_within, now)).toISOString();
  return computeReadiness({
    now,
    plan: { id: plan.id, version: plan.version, body: plan.body },
    lint: await lintCurrent(deps.documents, deps.clock),
    activities: await listActivities(deps),
    planStatus: await documentStatus(deps, { kind: "plan", id: plan.id }),
    exercised: await exercisedTypes(deps, since),
    coverage: await logSourceCoverage(deps, opts.coverage_window),
    undeliverable: undeliverableChannels(plan.body, { ...deps.config, env: deps.env }),
    options: opts,
  });
}

/** Keeps the score (computed now unless given) for the history. */
export async function takeSnapshot(
  deps: PreparationDeps,
  computed?: Readiness,
): Promise<Readiness> {
  const r = computed ?? (await readiness(deps));
  await deps.preparation.snapshots.add({
    id: newRowId(),
    taken_at: r.taken_at,
    score: r.score,
    plan_id: r.plan.id,
    plan_version: r.plan.version,
    breakdown: r.components.map((c) => ({
      id: c.id,
      score: c.score,
      weight: c.weight,
      status: c.status,
      summary: c.summary,
      reasons: c.reasons,
    })),
  });
  return r;
}

/** One point of the history: the score and each part's points. */
export type ReadinessPoint = {
  taken_at: string;
  score: number;
  plan_version: number;
  components: { id: string; score: number; weight: number; status: string; summary: string }[];
};

/** Stored snapshots in [from, to), oldest first (for a chart). */
export async function readinessHistory(
  deps: PreparationDeps,
  range: { from?: string; to?: string; limit?: number },
): Promise<ReadinessPoint[]> {
  const rows = await deps.preparation.snapshots.list(range);
  return rows.reverse().map((s) => ({
    taken_at: s.taken_at,
    score: s.score,
    plan_version: s.plan_version,
    components: (s.breakdown as ReadinessPoint["components"]).map(
      ({ id, score, weight, status, summary }) => ({ id, score, weight, status, summary }),
    ),
  }));
}
