import { useMemo } from "react";
import { METRICS, type Metric as MetricName } from "../../../../src/domain/metrics";
import type { PlanBody } from "../../api/documents";
import { type Metrics, reportsApi } from "../../api/postincident";
import { Chart, type ChartOption } from "../../components/chart";
import { EmptyState } from "../../components/empty-state";
import { FilterBar, ParamInput } from "../../components/filter-bar";
import { Loading } from "../../components/loading";
import { PageHeader } from "../../components/page-header";
import { ProblemMessage } from "../../components/problem-message";
import { useResource } from "../../hooks/use-resource";
import { formatSpan } from "../../lib/time";
import { useCurrentPlan } from "../../plan-context";
import { Link, useLocation } from "../../router";
import { TechniquesSection } from "./techniques-section";

const NAME: Record<MetricName, string> = {
  mttd: "Time to detect",
  mtta: "Time to acknowledge",
  mttc: "Time to contain",
  mttr: "Time to recover",
  time_to_close: "Time to close",
};
const SHORT: Record<MetricName, string> = {
  mttd: "MTTD",
  mtta: "MTTA",
  mttc: "MTTC",
  mttr: "MTTR",
  time_to_close: "Close",
};
const CHARTED: MetricName[] = ["mttd", "mtta", "mttc", "mttr"];
const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / 3_600_000) * 10) / 10);
const span = (ms: number | null) => (ms === null ? "—" : formatSpan(ms));

function overTime(m: Metrics): ChartOption {
  const months = Object.keys(m.by_month).sort();
  return {
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => `${v} h` },
    legend: { bottom: 0 },
    grid: { left: 50, right: 20, top: 30, bottom: 60 },
    xAxis: { type: "category", data: months },
    yAxis: { type: "value", name: "hours (median)" },
    series: CHARTED.map((k) => ({
      name: SHORT[k],
      type: "line",
      connectNulls: true,
      data: months.map((mo) => hours(m.by_month[mo]?.metrics[k].median_ms ?? null)),
    })),
  };
}

function bySeverity(m: Metrics, plan: PlanBody | undefined): ChartOption {
  const ids = (plan?.severity_scale.map((s) => s.id) ?? Object.keys(m.by_severity)).filter(
    (id) => m.by_severity[id],
  );
  const name = (id: string) => plan?.severity_scale.find((s) => s.id === id)?.name ?? id;
  return {
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => `${v} h` },
    legend: { bottom: 0 },
    grid: { left: 50, right: 20, top: 30, bottom: 60 },
    xAxis: { type: "category", data: ids.map(name) },
    yAxis: { type: "value", name: "hours (median)" },
    series: CHARTED.map((k) => ({
      name: SHORT[k],
      type: "bar",
      data: ids.map((id) => hours(m.by_severity[id]?.metrics[k].median_ms ?? null)),
    })),
  };
}

/** MTTD, MTTA, MTTC, MTTR over time and by severity, plan adherence, overdue action items. */
export default function MetricsPage() {
  const plan = useCurrentPlan().data?.body;
  const { search } = useLocation();
  const from = search.get("from") ?? "";
  const to = search.get("to") ?? "";
  const { data, error } = useResource(
    (signal) => reportsApi.metrics({ from: from || undefined, to: to || undefined }, signal),
    [from, to],
  );
  const timeChart = useMemo(() => (data ? overTime(data) : undefined), [data]);
  const severityChart = useMemo(() => (data ? bySeverity(data, plan) : undefined), [data, plan]);

  return (
    <>
      <PageHeader title="Metrics">
        <p className="muted">
          Exercises, declined and merged incidents are left out
          {data
            ? ` (${data.excluded.exercises} exercises, ${data.excluded.declined_or_merged} declined or merged)`
            : ""}
          .
        </p>
      </PageHeader>
      <FilterBar label="Period" few={2}>
        <ParamInput param="from" id="mx-from" label="Declared from" type="date" />
        <ParamInput param="to" id="mx-to" label="to (before)" type="date" />
      </FilterBar>
      <ProblemMessage error={error} title="Could not compute the metrics" />
      {!data ? (
        !error && <Loading what="Computing" />
      ) : data.incidents === 0 ? (
        <EmptyState title="No incidents in this period" />
      ) : (
        <>
          <ul className="metric-cards">
            {METRICS.map((k) => (
              <li key={k} className="card">
                <span className="muted small">{NAME[k]}</span>
                <span className="metric-value">{span(data.overall[k].median_ms)}</span>
                <span className="muted small">
                  median · p90 {span(data.overall[k].p90_ms)} · {data.overall[k].count} incident
                  {data.overall[k].count === 1 ? "" : "s"}
                </span>
              </li>
            ))}
          </ul>
          <div className="dashboard-columns">
            <section className="panel" aria-labelledby="mx-time">
              <h2 id="mx-time">Over time (median, by month declared)</h2>
              {timeChart && (
                <Chart option={timeChart} label="Median MTTD, MTTA, MTTC and MTTR by month" />
              )}
            </section>
            <section className="panel" aria-labelledby="mx-sev">
              <h2 id="mx-sev">By severity (median)</h2>
              {severityChart && (
                <Chart
                  option={severityChart}
                  label="Median MTTD, MTTA, MTTC and MTTR by severity"
                />
              )}
            </section>
          </div>
          <section className="panel" aria-labelledby="mx-table">
            <h2 id="mx-table">By severity</h2>
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Severity</th>
                    <th scope="col">Incidents</th>
                    {METRICS.map((k) => (
                      <th scope="col" key={k}>
                        {SHORT[k]} median / p90
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(data.by_severity).map(([id, g]) => (
                    <tr key={id}>
                      <th scope="row">
                        {plan?.severity_scale.find((s) => s.id === id)?.name ?? id}
                      </th>
                      <td>{g.incidents}</td>
                      {METRICS.map((k) => (
                        <td key={k}>
                          {span(g.metrics[k].median_ms)} / {span(g.metrics[k].p90_ms)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="panel" aria-labelledby="mx-adherence">
            <h2 id="mx-adherence">Plan adherence</h2>
            <p>
              {data.plan_adherence.rate === null
                ? "No task with a time target was judged yet."
                : `${Math.round(data.plan_adherence.rate * 100)}% of ${data.plan_adherence.judged} timed tasks done on time`}{" "}
              <span className="muted">
                ({data.plan_adherence.late} late, {data.plan_adherence.skipped} skipped,{" "}
                {data.plan_adherence.not_done} not done)
              </span>
            </p>
            <p>
              {data.overdue_action_items === 0 ? (
                "No action item is overdue."
              ) : (
                <Link to="/action-items?overdue=true">
                  {data.overdue_action_items} action item
                  {data.overdue_action_items === 1 ? " is" : "s are"} overdue
                </Link>
              )}
            </p>
          </section>
          <TechniquesSection from={from || undefined} to={to || undefined} />
        </>
      )}
    </>
  );
}
