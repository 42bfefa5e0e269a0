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

/** Ranges longer than this are first narrowed by selecting within a sample (Floyd and Rivest). */
const SAMPLED = 600;

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

/**
 * Rearranges `a[left..right]` so that `a[k]` holds the value of rank k in it, with no larger value
 * before it and no smaller one after (Floyd and Rivest's selection, 1975): linear on average where
 * sorting is n·log n, which is what keeps the metrics of 100,000 incidents cheap (each quantile
 * needs two ranks, not an order). On a long range it first selects within a sample of about
 * n^(2/3) values around where rank k should fall, so the pivot that splits the whole range lands
 * close to it: about n + min(k, n − k) comparisons, where Hoare's selection with a middle pivot
 * made about 3n (a third less time on 90,000 durations).
 */
function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > SAMPLED) {
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * Math.sign(i - n / 2);
      select(
        a,
        k,
        Math.max(left, Math.floor(k - (i * s) / n + sd)),
        Math.min(right, Math.floor(k + ((n - i) * s) / n + sd)),
      );
    }
    // Partition around t = a[k] (Hoare's scheme): t and a value on its other side start at the
    // two ends, where they stop the scans below.
    const t = a[k] as number;
    let i = left;
    let j = right;
    swap(a, left, k);
    if ((a[right] as number) > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while ((a[i] as number) < t) i++;
      while ((a[j] as number) > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    // Now a[j] = t, none larger before it, none smaller after: go on in the side holding rank k.
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/**
 * The p-quantile by linear interpolation between closest ranks (R-7, the default of NumPy and
 * spreadsheets): h = (n - 1)·p, then between the ⌊h⌋-th and the next smallest value. Reorders
 * `a` (any order in, any order out). `from`: a rank already selected at or below ⌊h⌋ (no value
 * before it is larger than one after it), so only what lies after it is searched.
 */
function quantileIn(a: Float64Array, p: number, from = 0): number | null {
  const n = a.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  select(a, lo, from, n - 1);
  const x = a[lo] as number;
  // After selecting rank lo, the next rank is the smallest value after it.
  let y = x;
  if (lo + 1 < n) {
    y = Number.POSITIVE_INFINITY;
    for (let i = lo + 1; i < n; i++) if ((a[i] as number) < y) y = a[i] as number;
  }
  return x + (h - lo) * (y - x);
}

/** The p-quantile of values in any order. */
export function quantile(values: ArrayLike<number>, p: number): number | null {
  return quantileIn(Float64Array.from(values), p);
}

export function stats(values: ArrayLike<number>): Stats {
  return statsIn(Float64Array.from(values));
}

/** `stats` of a buffer of the caller's own, which it reorders. */
function statsIn(a: Float64Array): Stats {
  const n = a.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i] as number;
  const median = quantileIn(a, 0.5);
  return {
    count: n,
    mean_ms: n ? sum / n : null,
    median_ms: median,
    // The median's rank is selected: the p90's lies above it, among the upper half only.
    p90_ms: quantileIn(a, 0.9, Math.floor((n - 1) * 0.5)),
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

/** How one incident's required procedure steps went, as the incident row keeps them. */
export type StepCounts = Record<Exclude<StepOutcome, "pending">, number>;

/**
 * The judged required procedure steps of one incident in `incidentPhase` (ad-hoc tasks are not
 * the plan's; pending steps are not judged yet).
 */
export function stepCounts(tasks: readonly MetricTask[], incidentPhase: string): StepCounts {
  const c: StepCounts = { on_time: 0, late: 0, skipped: 0, not_done: 0 };
  for (const t of tasks) {
    if (!t.required || t.step_id === null) continue;
    const outcome = stepOutcome(t, incidentPhase);
    if (outcome !== "pending") c[outcome]++;
  }
  return c;
}

/** Plan adherence from step counts added up over incidents. */
function adherence(steps: StepCounts): Adherence {
  const judged = steps.on_time + steps.late + steps.skipped + steps.not_done;
  return { judged, ...steps, rate: judged ? steps.on_time / judged : null };
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

/**
 * The incidents of one severity, type and declaration month (UTC YYYY-MM) seen by the viewer in
 * the period: what the metrics add up. The store answers these cells with SQL aggregates (one
 * row per cell, not one per incident); `computeMetrics` builds them from incidents in memory.
 */
export interface MetricCell {
  severity: string;
  type: string;
  month: string;
  /** Counted: neither exercises nor declined or merged. */
  incidents: number;
  exercises: number;
  declined_or_merged: number;
  /** The counted incidents' durations in milliseconds, in any order. */
  durations: Record<Metric, ArrayLike<number>>;
  /** Their required steps judged so far. */
  steps: StepCounts;
}

/** Which incidents the metrics add up: declared in [from, to), seen by `visibleTo` (a person's id; everyone when absent). */
export interface MetricScope {
  from?: string;
  to?: string;
  visibleTo?: string;
}

/**
 * The metrics of a group of cells. `scratch`: room for any metric's values of every cell, which
 * each group's selection reorders in turn (one buffer for the report, not one per group and metric).
 */
function group(cells: readonly MetricCell[], scratch: Float64Array): MetricGroup {
  const metrics = Object.fromEntries(
    METRICS.map((m) => {
      const all = scratch.subarray(
        0,
        cells.reduce((n, c) => n + c.durations[m].length, 0),
      );
      let at = 0;
      for (const c of cells) {
        all.set(c.durations[m], at);
        at += c.durations[m].length;
      }
      return [m, statsIn(all)];
    }),
  ) as Record<Metric, Stats>;
  return { incidents: cells.reduce((n, c) => n + c.incidents, 0), metrics };
}

function groupBy(
  cells: readonly MetricCell[],
  key: (c: MetricCell) => string,
  scratch: Float64Array,
): Record<string, MetricGroup> {
  const groups = new Map<string, MetricCell[]>();
  for (const c of cells) {
    const members = groups.get(key(c));
    if (members) members.push(c);
    else groups.set(key(c), [c]);
  }
  return Object.fromEntries(
    [...groups.keys()].sort().map((k) => [k, group(groups.get(k) ?? [], scratch)]),
  );
}

/** The metrics report from the cells of the incidents declared in [from, to). */
export function metricsFromCells(
  cells: readonly MetricCell[],
  options: { from?: string; to?: string; now: Date; overdueActionItems?: number },
): MetricsReport {
  // A group exists only where incidents are counted (a month of exercises alone has none).
  const counted = cells.filter((c) => c.incidents > 0);
  const steps: StepCounts = { on_time: 0, late: 0, skipped: 0, not_done: 0 };
  for (const c of counted)
    for (const k of Object.keys(steps) as (keyof StepCounts)[]) steps[k] += c.steps[k];
  const scratch = new Float64Array(
    Math.max(0, ...METRICS.map((m) => counted.reduce((n, c) => n + c.durations[m].length, 0))),
  );
  return {
    from: options.from ?? null,
    to: options.to ?? null,
    generated_at: options.now.toISOString(),
    incidents: counted.reduce((n, c) => n + c.incidents, 0),
    excluded: {
      exercises: cells.reduce((n, c) => n + c.exercises, 0),
      declined_or_merged: cells.reduce((n, c) => n + c.declined_or_merged, 0),
    },
    overall: group(counted, scratch).metrics,
    by_severity: groupBy(counted, (c) => c.severity, scratch),
    by_type: groupBy(counted, (c) => c.type, scratch),
    by_month: groupBy(counted, (c) => c.month, scratch),
    plan_adherence: adherence(steps),
    overdue_action_items: options.overdueActionItems ?? 0,
  };
}

/** Whether an incident in this phase is counted (declined ones were none; merged ones live on in the survivor). */
export function countedPhase(phase: string): boolean {
  return phase !== "declined" && phase !== "merged";
}

/**
 * Metrics over the incidents declared in [from, to), computed in memory: exercises, declined and
 * merged incidents are left out and counted as such.
 */
export function computeMetrics(
  incidents: readonly MetricIncident[],
  tasks: readonly MetricTask[],
  options: { from?: string; to?: string; now: Date; overdueActionItems?: number },
): MetricsReport {
  const tasksOf = new Map<string, MetricTask[]>();
  for (const t of tasks) tasksOf.set(t.incident_id, [...(tasksOf.get(t.incident_id) ?? []), t]);
  const cells = new Map<string, MetricCell>();
  for (const i of incidents) {
    if (options.from && i.times.declared_at < options.from) continue;
    if (options.to && i.times.declared_at >= options.to) continue;
    const month = i.times.declared_at.slice(0, 7);
    const key = JSON.stringify([i.severity, i.type, month]);
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        severity: i.severity,
        type: i.type,
        month,
        incidents: 0,
        exercises: 0,
        declined_or_merged: 0,
        durations: Object.fromEntries(METRICS.map((m) => [m, []])) as unknown as Record<
          Metric,
          number[]
        >,
        steps: { on_time: 0, late: 0, skipped: 0, not_done: 0 },
      };
      cells.set(key, cell);
    }
    if (i.exercise) cell.exercises++;
    else if (!countedPhase(i.phase)) cell.declined_or_merged++;
    else {
      cell.incidents++;
      const d = incidentDurations(i);
      for (const m of METRICS) if (d[m] !== undefined) (cell.durations[m] as number[]).push(d[m]);
      const s = stepCounts(tasksOf.get(i.id) ?? [], i.phase);
      for (const k of Object.keys(s) as (keyof StepCounts)[]) cell.steps[k] += s[k];
    }
  }
  return metricsFromCells([...cells.values()], options);
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
