import { type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import type { Incident } from "../domain/incident/model.js";
import {
  incidentDurations,
  METRICS,
  type Metric,
  type MetricCell,
  type MetricScope,
  stepCounts,
} from "../domain/metrics.js";
import type { DialectName } from "./connect.js";
import type { Database } from "./database.js";
import type { MetricColumns } from "./tables/incidents.js";
import { incidentVisibleTo } from "./visibility.sql.js";
import { withoutJit } from "./without-jit.js";

/**
 * The response metrics' columns on the incident row (migration 0033): written with every write of
 * the row, from the same domain functions the metrics were computed with in memory, and added up
 * here with SQL aggregates.
 */

/** The column of each metric's duration. */
export const METRIC_COLUMN = {
  mttd: "mttd_ms",
  mtta: "mtta_ms",
  mttc: "mttc_ms",
  mttr: "mttr_ms",
  time_to_close: "time_to_close_ms",
} as const satisfies Record<Metric, keyof MetricColumns>;

type DurationColumns = Pick<MetricColumns, (typeof METRIC_COLUMN)[Metric]>;
type StepColumns = Omit<MetricColumns, keyof DurationColumns>;

/** The incident's durations as the row keeps them (null while a moment is missing or out of order). */
export function durationColumns(incident: Incident): DurationColumns {
  const d = incidentDurations(incident);
  return Object.fromEntries(
    METRICS.map((m) => [METRIC_COLUMN[m], d[m] ?? null]),
  ) as unknown as DurationColumns;
}

/**
 * Rewrites the incident's judged-step counts from its tasks as they are now in `q` (inside the
 * change's transaction, after its tasks were written): a step is judged by the incident's phase
 * as well as its own state, so both a task change and a phase change move them. Bounded by the
 * incident's own tasks (index tasks_incident).
 */
export async function refreshStepCounts(
  q: Kysely<Database>,
  incidentId: string,
  phase: string,
): Promise<void> {
  const tasks = await q
    .selectFrom("tasks")
    .select(["incident_id", "phase", "step_id", "required", "status", "due_at", "completed_at"])
    .where("incident_id", "=", incidentId)
    .where("required", "=", 1)
    .where("step_id", "is not", null)
    .execute();
  const c = stepCounts(
    tasks.map((t) => ({ ...t, required: true })),
    phase,
  );
  const columns: StepColumns = {
    steps_on_time: c.on_time,
    steps_late: c.late,
    steps_skipped: c.skipped,
    steps_not_done: c.not_done,
  };
  await q.updateTable("incidents").set(columns).where("id", "=", incidentId).execute();
}

const SEPARATOR = ",";

/** The values of `column` over the group's rows, joined by commas (nulls left out). */
function joined(dialect: DialectName, expr: RawBuilder<unknown>): RawBuilder<string | null> {
  return dialect === "postgres"
    ? sql<string | null>`string_agg((${expr})::text, ${SEPARATOR})`
    : sql<string | null>`group_concat(${expr}, ${SEPARATOR})`;
}

/** A comma-joined list of numbers: read by the JSON parser, two to five times faster than split. */
function numbers(list: string | null): Float64Array {
  if (!list) return new Float64Array(0);
  return Float64Array.from(JSON.parse(`[${list}]`) as number[]);
}

/**
 * The metric cells (one per severity, type and declaration month) of the incidents in scope, in
 * one aggregate query over the incident rows. Durations travel as one comma-joined list per cell
 * and metric: medians and percentiles need the values themselves, and a few hundred rows of lists
 * cross the driver far cheaper than a row per incident.
 *
 * Why the quantiles are not computed in SQL (issue 19 weighed it): the report wants exact R-7
 * medians and p90 per overall, severity, type and month. PostgreSQL's `percentile_cont` is R-7,
 * but SQLite has none, and its window-function equivalent (row_number over each grouping) sorts
 * every counted incident once per grouping and metric — twenty sorts of the whole period where
 * this is one streaming walk of an index. Ordered-offset queries over an index per duration walk
 * the offset row by row with the period and visibility filters on each, per group. Tables kept up
 * to date incrementally cannot answer an arbitrary period seen through one person's visibility
 * without the values themselves. So SQL streams the values out cell by cell (migration 0034 makes
 * that a covering-index walk in group order), and domain/metrics.ts selects the ranks in linear
 * time — one definition of the numbers, in memory and here.
 */
export async function metricCells(
  k: Kysely<Database>,
  dialect: DialectName,
  scope: MetricScope,
): Promise<MetricCell[]> {
  const { counted, excluded } = metricCellsQueries(dialect, scope);
  const [countedRows, excludedRows] = (await withoutJit(k, dialect, async (q) => [
    await counted(q).execute(),
    await excluded(q).execute(),
  ])) as unknown as Record<string, string | number | null>[][];
  const int = (v: unknown) => Number(v ?? 0);
  const cells = new Map<string, MetricCell>();
  const cellOf = (r: Record<string, unknown>) => {
    const key = JSON.stringify([r.month, r.severity, r.type]);
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        severity: String(r.severity),
        type: String(r.type),
        month: String(r.month),
        incidents: 0,
        exercises: 0,
        declined_or_merged: 0,
        durations: Object.fromEntries(
          METRICS.map((m) => [m, new Float64Array(0)]),
        ) as unknown as Record<Metric, Float64Array>,
        steps: { on_time: 0, late: 0, skipped: 0, not_done: 0 },
      };
      cells.set(key, cell);
    }
    return cell;
  };
  for (const r of countedRows ?? [])
    Object.assign(cellOf(r), {
      incidents: int(r.incidents),
      durations: Object.fromEntries(METRICS.map((m) => [m, numbers(r[m] as string | null)])),
      steps: {
        on_time: int(r.steps_on_time),
        late: int(r.steps_late),
        skipped: int(r.steps_skipped),
        not_done: int(r.steps_not_done),
      },
    });
  for (const r of excludedRows ?? [])
    Object.assign(cellOf(r), {
      exercises: int(r.exercises),
      declined_or_merged: int(r.declined_or_merged),
    });
  return [...cells.values()];
}

/**
 * The two aggregates `metricCells` runs (exported for their query plans to be checked): the
 * counted incidents' durations and steps, and the count of those left out. Two walks of the
 * index rather than one with every aggregate asking whether its row is counted: that condition,
 * evaluated ten times a row, was half of SQLite's time (100 ms of CPU at 100,000 incidents,
 * against 52 + 15).
 */
export function metricCellsQueries(dialect: DialectName, scope: MetricScope) {
  // domain/metrics.ts countedPhase, in SQL, written as the conditions of the partial indexes of
  // migration 0037 are (the counted, and those left out under `not`): one changes with the other.
  const isCounted = sql<SqlBool>`(exercise = 0 and phase not in ('declined', 'merged'))`;
  // Grouped in the order of index incidents_metrics (migrations 0034, 0037), the month written as
  // its expression is: the aggregate walks a range of that index group by group, without a sort
  // or a table row.
  const month = sql<string>`substr(declared_at, 1, 7)`;
  const scoped = <Q extends SelectQueryBuilder<Database, "incidents", object>>(q: Q): Q => {
    let out = q;
    if (scope.from !== undefined) out = out.where("declared_at", ">=", scope.from) as Q;
    if (scope.to !== undefined) out = out.where("declared_at", "<", scope.to) as Q;
    // The same bounds on the month (implied by those on declared_at; left out for a time the
    // month is not the first seven characters of, such as a year past 9999): a range of the index.
    const monthOf = (t: string | undefined) =>
      t && /^\d{4}-\d{2}-/.test(t) ? t.slice(0, 7) : undefined;
    const fromMonth = monthOf(scope.from);
    const toMonth = monthOf(scope.to);
    if (fromMonth !== undefined) out = out.where(month, ">=", fromMonth) as Q;
    if (toMonth !== undefined) out = out.where(month, "<=", toMonth) as Q;
    if (scope.visibleTo !== undefined) out = out.where(incidentVisibleTo(scope.visibleTo)) as Q;
    return out;
  };
  // One row per severity, type and declaration month: the cells both queries answer.
  const cells = (q: Kysely<Database>) =>
    scoped(
      q
        .selectFrom("incidents")
        .select(["severity", "type", month.as("month")])
        .groupBy([month, "severity", "type"]),
    );
  return {
    counted: (q: Kysely<Database>) =>
      cells(q)
        .select([
          sql<number>`count(*)`.as("incidents"),
          ...METRICS.map((m) => joined(dialect, sql.ref(METRIC_COLUMN[m])).as(m)),
          ...(["on_time", "late", "skipped", "not_done"] as const).map((s) =>
            sql<number>`sum(${sql.ref(`steps_${s}`)})`.as(`steps_${s}`),
          ),
        ])
        .where(isCounted),
    excluded: (q: Kysely<Database>) =>
      cells(q)
        .select([
          sql<number>`sum(exercise)`.as("exercises"),
          sql<number>`sum(case when exercise = 0 then 1 else 0 end)`.as("declined_or_merged"),
        ])
        .where((eb) => eb.not(isCounted)),
  };
}
