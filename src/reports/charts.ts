import { createRequire } from "node:module";
import type * as ECharts from "echarts";
import { TASK_PHASES } from "../domain/incident/phase.js";
import { formatDuration, METRIC_SPANS, type Metric } from "../domain/metrics.js";
import { type ChartBlock, table } from "./blocks.js";
import type { PhaseInterval } from "./phase-intervals.js";
import { phaseName, when } from "./text.js";

/**
 * Charts as SVG, rendered server-side by ECharts (the same library the web UI draws with).
 * Every chart is disposed after rendering: a live ECharts instance keeps timers that would
 * stop the process from exiting.
 */
let echarts: typeof ECharts | undefined;

/**
 * ECharts is loaded on first use (synchronously, its CommonJS build): it takes a second or more
 * to load, which every CLI command would otherwise pay whether it draws a chart or not.
 */
function lib(): typeof ECharts {
  echarts ??= createRequire(import.meta.url)("echarts") as typeof ECharts;
  return echarts;
}

function svgOf(option: ECharts.EChartsOption, width: number, height: number): string {
  const chart = lib().init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      // Reports speak UTC throughout; ECharts would otherwise use the server's time zone.
      useUTC: true,
      textStyle: { fontFamily: "Helvetica, Arial, sans-serif" },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");

/** Time axis labels: the date at midnight UTC, the time of day otherwise. */
function timeLabel(value: number): string {
  const d = new Date(value);
  const hm = d.toISOString().slice(11, 16);
  return hm === "00:00" ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}` : hm;
}

const ROW_ORDER = ["undetected", "awareness", ...TASK_PHASES];
const COLORS: Record<string, string> = {
  undetected: "#9aa3ad",
  awareness: "#c9a227",
  detection: "#d9822b",
  containment: "#b4232c",
  eradication: "#7b3fa0",
  recovery: "#2f7d4f",
  remediation: "#3a6ea5",
  post_incident: "#4b5563",
};
const rowLabel = (phase: string) =>
  phase === "undetected"
    ? "Undetected activity"
    : phase === "awareness"
      ? "Aware, not declared"
      : phaseName(phase);

/** A Gantt-like bar per phase on a time axis: where the incident's time went. */
export function phaseTimelineChart(intervals: readonly PhaseInterval[], width = 760): ChartBlock {
  const rows = ROW_ORDER.filter((r) => intervals.some((i) => i.phase === r));
  const height = 70 + rows.length * 34;
  const data = intervals.map((i) => ({
    value: [rows.indexOf(i.phase), Date.parse(i.start), Date.parse(i.end), i.phase],
    itemStyle: { color: COLORS[i.phase] ?? "#888", opacity: i.open ? 0.6 : 1 },
  }));
  const svg = svgOf(
    {
      grid: { left: 150, right: 30, top: 20, bottom: 40 },
      xAxis: {
        type: "time",
        axisLabel: { fontSize: 10, hideOverlap: true, formatter: timeLabel },
        splitLine: { show: true, lineStyle: { color: "#eceff3" } },
      },
      yAxis: {
        type: "category",
        data: rows.map(rowLabel),
        inverse: true,
        axisLabel: { fontSize: 11 },
        axisTick: { show: false },
      },
      series: [
        {
          type: "custom",
          encode: { x: [1, 2], y: 0 },
          data,
          renderItem: (params, api) => {
            const interval = intervals[params.dataIndex];
            const start = api.coord([api.value(1), api.value(0)]) as number[];
            const end = api.coord([api.value(2), api.value(0)]) as number[];
            const h = ((api.size?.([0, 1]) as number[] | undefined) ?? [])[1] ?? 20;
            return {
              type: "rect",
              shape: {
                x: start[0] ?? 0,
                y: (start[1] ?? 0) - h * 0.3,
                width: Math.max(2, (end[0] ?? 0) - (start[0] ?? 0)),
                height: h * 0.6,
              },
              style: {
                fill: COLORS[interval?.phase ?? ""] ?? "#888",
                // A phase still going fades: its end is "now", not a recorded moment.
                opacity: interval?.open ? 0.6 : 1,
              },
            };
          },
        },
      ],
    },
    width,
    height,
  );
  const fallback = table(
    ["Phase", "From", "To", "Duration"],
    intervals.map((i) => [
      rowLabel(i.phase),
      when(i.start),
      i.open ? "(ongoing)" : when(i.end),
      formatDuration(Date.parse(i.end) - Date.parse(i.start)),
    ]),
  );
  return {
    type: "chart",
    title: "Phase timeline: where the incident's time went",
    svg,
    width,
    height,
    fallback,
  };
}

/** Hours, rounded for axis labels. */
const hours = (ms: number | null | undefined) =>
  ms == null ? null : Math.round((ms / 3_600_000) * 100) / 100;

/**
 * Grouped horizontal bars in hours: this incident's durations beside the organisation's medians
 * (and the plan's targets for its severity, when given).
 */
export function durationComparisonChart(
  series: { name: string; values: Partial<Record<Metric, number | null>> }[],
  metrics: readonly Metric[],
  width = 760,
): ChartBlock {
  const height = 80 + metrics.length * 22 * Math.max(1, series.length);
  const palette = ["#b4232c", "#3a6ea5", "#9aa3ad"];
  const svg = svgOf(
    {
      color: palette,
      legend: { top: 0, textStyle: { fontSize: 11 } },
      grid: { left: 150, right: 40, top: 30, bottom: 30 },
      xAxis: { type: "value", name: "hours", nameLocation: "end", axisLabel: { fontSize: 10 } },
      yAxis: {
        type: "category",
        data: metrics.map((m) => METRIC_SPANS[m].label),
        inverse: true,
        axisLabel: { fontSize: 11 },
      },
      series: series.map((s) => ({
        type: "bar",
        name: s.name,
        data: metrics.map((m) => hours(s.values[m])),
        label: {
          show: true,
          position: "right",
          fontSize: 9,
          formatter: (p: { value: unknown }) => (p.value == null ? "" : `${p.value} h`),
        },
      })),
    },
    width,
    height,
  );
  const fallback = table(
    ["Measure", ...series.map((s) => s.name)],
    metrics.map((m) => [
      METRIC_SPANS[m].label,
      ...series.map((s) => formatDuration(s.values[m] ?? null)),
    ]),
  );
  return { type: "chart", title: "Response times compared (hours)", svg, width, height, fallback };
}

/** Median and 90th percentile of each response metric, in hours: the metrics overview chart. */
export function metricsChart(
  overall: Record<Metric, { median_ms: number | null; p90_ms: number | null }>,
  metrics: readonly Metric[],
  width = 760,
): ChartBlock {
  const chart = durationComparisonChart(
    [
      { name: "Median", values: Object.fromEntries(metrics.map((m) => [m, overall[m].median_ms])) },
      {
        name: "90th percentile",
        values: Object.fromEntries(metrics.map((m) => [m, overall[m].p90_ms])),
      },
    ],
    metrics,
    width,
  );
  return { ...chart, title: "Response times: median and 90th percentile (hours)" };
}
