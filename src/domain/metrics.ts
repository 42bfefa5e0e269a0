import { ACTIVE_PHASES } from "./incident/phase.js";

/**
 * Response metrics, pure: durations between the moments recorded on incidents, their mean,
 * median and 90th percentile, broken down by severity, type and month, and how closely the
 * procedures' required steps were followed. No I/O; callers pass incidents, tasks and `now`.
 */

/** What the metrics read of an incident. */
export interface MetricIncident {
  id: string;
  human_id: string;
  severity: string;
  type: string;
  phase: string;
  exercise: boolean;
  times: {
    first_activity_at: string | null;
    detected_at: string;
    declared_at: string;
    acknowledged_at: string | null;
    contained_at: string | null;
    recovered_at: string | null;
    closed_at: string | null;
  };
}

/** What plan adherence reads of a task. */
export interface MetricTask {
  incident_id: string;
  phase: string;
  step_id: string | null;
  title?: string;
  required: boolean;
  status: string;
  due_at: string | null;
  completed_at: string | null;
}

export const METRICS = ["mttd", "mtta", "mttc", "mttr", "time_to_close"] as const;
export type Metric = (typeof METRICS)[number];

type Stamp = keyof MetricIncident["times"];

/** Each metric is the time from one recorded moment to another. */
export const METRIC_SPANS: Record<Metric, { from: Stamp; to: Stamp; label: string }> = {
  mttd: { from: "first_activity_at", to: "detected_at", label: "time to detect" },
  mtta: { from: "declared_at", to: "acknowledged_at", label: "time to acknowledge" },
  mttc: { from: "detected_at", to: "contained_at", label: "time to contain" },
  mttr: { from: "detected_at", to: "recovered_at", label: "time to recover" },
  time_to_close: { from: "detected_at", to: "closed_at", label: "time to close" },
};

/** One incident's durations in milliseconds; a metric is absent until both moments exist. */
export function incidentDurations(i: MetricIncident): Partial<Record<Metric, number>> {
  const out: Partial<Record<Metric, number>> = {};
  for (const m of METRICS) {
    const { from, to } = METRIC_SPANS[m];
    const a = i.times[from];
    const b = i.times[to];
    if (!a || !b) continue;
    const ms = Date.parse(b) - Date.parse(a);
    // A negative span is a data-entry error (a backdated time after the fact), not a fast response.
    if (Number.isFinite(ms) && ms >= 0) out[m] = ms;
  }
  return out;
}

export interface Stats {
  count: number;
  mean_ms: number | null;
  median_ms: number | null;
  p90_ms: number | null;
}

/**
 * The p-quantile of sorted values by linear interpolation between closest ranks (R-7, the
 * default of NumPy and spreadsheets): h = (n - 1)·p, then between x[⌊h⌋] and x[⌊h⌋ + 1].
 */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    count: n,
    mean_ms: n ? sorted.reduce((s, v) => s + v, 0) / n : null,
    median_ms: quantile(sorted, 0.5),
    p90_ms: quantile(sorted, 0.9),
  };
}

/** How a required procedure step went: what plan adherence counts. */
export type StepOutcome = "on_time" | "late" | "skipped" | "not_done" | "pending";

const phaseIndex = (p: string) => (ACTIVE_PHASES as readonly string[]).indexOf(p);

/**
 * A required step is judged once it is settled or its phase is over (the incident moved on,
 * e.g. through an overridden gate; remediation is over when the incident ends). Done by its due
 * time is on time; done later is late; skipped or left undone counts against adherence.
 */
export function stepOutcome(task: MetricTask, incidentPhase: string): StepOutcome {
  if (task.status === "done")
    return !task.due_at || !task.completed_at || task.completed_at <= task.due_at
      ? "on_time"
      : "late";
  if (task.status === "skipped") return "skipped";
  const ended = phaseIndex(incidentPhase) < 0;
  const over =
    ended || (task.phase !== "remediation" && phaseIndex(task.phase) < phaseIndex(incidentPhase));
  return over ? "not_done" : "pending";
}

export interface Adherence {
  /** Required procedure steps judged so far (pending ones are left out). */
  judged: number;
  on_time: number;
  late: number;
  skipped: number;
  not_done: number;
  /** on_time / judged, or null when nothing was judged. */
  rate: number | null;
}

/** Plan adherence over the required procedure steps (ad-hoc tasks are not the plan's). */
export function adherence(
  tasks: readonly MetricTask[],
  phaseOf: (incidentId: string) => string | undefined,
): Adherence {
  const a: Adherence = { judged: 0, on_time: 0, late: 0, skipped: 0, not_done: 0, rate: null };
  for (const t of tasks) {
    const phase = phaseOf(t.incident_id);
    if (!phase || !t.required || t.step_id === null) continue;
    const outcome = stepOutcome(t, phase);
    if (outcome === "pending") continue;
    a[outcome]++;
    a.judged++;
  }
  a.rate = a.judged ? a.on_time / a.judged : null;
  return a;
}

export interface MetricGroup {
  incidents: number;
  metrics: Record<Metric, Stats>;
}

export interface MetricsReport {
  from: string | null;
  to: string | null;
  generated_at: string;
  incidents: number;
  /** Left out: exercises, and declined (not an incident) or merged (counted in the survivor). */
  excluded: { exercises: number; declined_or_merged: number };
  overall: Record<Metric, Stats>;
  by_severity: Record<string, MetricGroup>;
  by_type: Record<string, MetricGroup>;
  /** By the UTC month (YYYY-MM) the incident was declared in. */
  by_month: Record<string, MetricGroup>;
  plan_adherence: Adherence;
  overdue_action_items: number;
}

function group(incidents: readonly MetricIncident[]): MetricGroup {
  const all = incidents.map(incidentDurations);
  const metrics = Object.fromEntries(
    METRICS.map((m) => [
      m,
      stats(all.map((d) => d[m]).filter((v): v is number => v !== undefined)),
    ]),
  ) as Record<Metric, Stats>;
  return { incidents: incidents.length, metrics };
}

function groupBy(
  incidents: readonly MetricIncident[],
  key: (i: MetricIncident) => string,
): Record<string, MetricGroup> {
  const groups = new Map<string, MetricIncident[]>();
  for (const i of incidents) groups.set(key(i), [...(groups.get(key(i)) ?? []), i]);
  return Object.fromEntries([...groups.keys()].sort().map((k) => [k, group(groups.get(k) ?? [])]));
}

/**
 * Metrics over the incidents declared in [from, to): exercises, declined and merged incidents
 * are left out and counted as such.
 */
export function computeMetrics(
  incidents: readonly MetricIncident[],
  tasks: readonly MetricTask[],
  options: { from?: string; to?: string; now: Date; overdueActionItems?: number },
): MetricsReport {
  const inPeriod = incidents.filter(
    (i) =>
      (!options.from || i.times.declared_at >= options.from) &&
      (!options.to || i.times.declared_at < options.to),
  );
  const exercises = inPeriod.filter((i) => i.exercise).length;
  const real = inPeriod.filter((i) => !i.exercise);
  const counted = real.filter((i) => i.phase !== "declined" && i.phase !== "merged");
  const phases = new Map(counted.map((i) => [i.id, i.phase]));
  return {
    from: options.from ?? null,
    to: options.to ?? null,
    generated_at: options.now.toISOString(),
    incidents: counted.length,
    excluded: { exercises, declined_or_merged: real.length - counted.length },
    overall: group(counted).metrics,
    by_severity: groupBy(counted, (i) => i.severity),
    by_type: groupBy(counted, (i) => i.type),
    by_month: groupBy(counted, (i) => i.times.declared_at.slice(0, 7)),
    plan_adherence: adherence(tasks, (id) => phases.get(id)),
    overdue_action_items: options.overdueActionItems ?? 0,
  };
}

/** A duration for people: 45s, 12m, 3h 20m, 2d 4h. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "–";
  const m = Math.round(ms / 60_000);
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`;
}
