import { z } from "zod";
import { METRICS, type Metric } from "../domain/metrics.js";
import { endpoint, Time } from "./endpoint.js";

/** Response metrics across incidents (`domain/metrics.ts` computes them). */

const StatsSchema = z.object({
  count: z.number(),
  mean_ms: z.number().nullable(),
  median_ms: z.number().nullable(),
  p90_ms: z.number().nullable(),
});
const MetricStats = z.object(
  Object.fromEntries(METRICS.map((m) => [m, StatsSchema])) as Record<Metric, typeof StatsSchema>,
);
const Group = z.object({ incidents: z.number(), metrics: MetricStats });

const MetricsSchema = z.object({
  from: Time.nullable(),
  to: Time.nullable(),
  generated_at: Time,
  incidents: z.number(),
  excluded: z.object({ exercises: z.number(), declined_or_merged: z.number() }),
  overall: MetricStats,
  by_severity: z.record(z.string(), Group),
  by_type: z.record(z.string(), Group),
  by_month: z.record(z.string(), Group),
  plan_adherence: z.object({
    judged: z.number(),
    on_time: z.number(),
    late: z.number(),
    skipped: z.number(),
    not_done: z.number(),
    rate: z.number().nullable(),
  }),
  overdue_action_items: z.number(),
});

const Range = z.object({
  from: z.string().optional().describe("incidents declared at or after (ISO 8601 date or time)"),
  to: z.string().optional().describe("incidents declared before"),
});

export const metrics = {
  get: endpoint({
    method: "GET",
    path: "/metrics",
    description:
      "MTTD, MTTA, MTTC, MTTR and time to close (mean, median, p90) by severity, type and month; plan adherence; overdue action items. Exercises, declined and merged incidents are left out.",
    query: Range,
    response: MetricsSchema,
  }),
  /** Answers an SVG image, not JSON: no response schema. */
  chart: endpoint({
    method: "GET",
    path: "/metrics/chart.svg",
    description: "The metrics' medians and p90 as an SVG chart.",
    query: Range,
  }),
};

export type MetricsView = z.output<typeof MetricsSchema>;
export type MetricsRange = z.input<typeof Range>;
