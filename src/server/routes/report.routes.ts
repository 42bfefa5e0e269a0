import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { METRICS } from "../../domain/metrics.js";
import { metricsChart } from "../../reports/charts.js";
import { metrics } from "../../reports/metrics.service.js";
import { generateReport, getReport, listReports } from "../../reports/report.service.js";
import { REPORT_FORMATS, REPORT_KINDS } from "../../reports/report.types.js";
import type { Runtime } from "../../runtime.js";
import { requestActor } from "../request-actor.js";
import { expectedVersion, IfMatch } from "./route-helpers.js";

const tags = ["reports"];
const Time = z.string().describe("ISO 8601 UTC");

const ReportMeta = z.object({
  id: z.string(),
  incident_id: z.string(),
  kind: z.enum(REPORT_KINDS),
  format: z.enum(REPORT_FORMATS),
  version: z.number().describe("1, 2, … per incident, kind and format"),
  title: z.string(),
  media_type: z.string(),
  sha256: z.string().describe("SHA-256 of the content's bytes"),
  size: z.number(),
  encoding: z.enum(["utf8", "base64"]),
  incident_version: z.number().describe("the incident version it was rendered from"),
  created_at: Time,
  created_by: z.string(),
});

const Stats = z.object({
  count: z.number(),
  mean_ms: z.number().nullable(),
  median_ms: z.number().nullable(),
  p90_ms: z.number().nullable(),
});
const MetricStats = z.object(
  Object.fromEntries(METRICS.map((m) => [m, Stats])) as Record<
    (typeof METRICS)[number],
    typeof Stats
  >,
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

const EXT = { md: "md", html: "html", pdf: "pdf" } as const;

/** Reports rendered from incidents' records and stored as versions; metrics across incidents. */
export const reportRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const read = { permission: "reports:read" as const };

    app.post(
      "/incidents/:id/reports",
      {
        config: { permission: "incidents:write" },
        schema: {
          tags,
          description:
            "Renders a report from the incident's record as it is now and stores it as the next version, with its SHA-256.",
          params: z.object({ id: z.string() }),
          headers: IfMatch,
          body: z.strictObject({
            kind: z.enum(REPORT_KINDS),
            format: z.enum(REPORT_FORMATS),
            include_content: z
              .boolean()
              .optional()
              .describe("also return the content, base64-encoded"),
          }),
          response: { 201: ReportMeta.extend({ content_base64: z.string().optional() }) },
        },
      },
      async (req, reply) => {
        const meta = await generateReport(
          rt,
          req.params.id,
          req.body,
          requestActor(req),
          expectedVersion(req.headers),
        );
        const content = req.body.include_content
          ? (await getReport(rt, meta.id)).bytes.toString("base64")
          : undefined;
        return reply.status(201).send({ ...meta, ...(content ? { content_base64: content } : {}) });
      },
    );

    app.get(
      "/incidents/:id/reports",
      {
        config: read,
        schema: {
          tags,
          params: z.object({ id: z.string() }),
          response: { 200: z.object({ items: z.array(ReportMeta), next_cursor: z.null() }) },
        },
      },
      async (req) => ({
        items: await listReports(rt, req.params.id, requestActor(req)),
        next_cursor: null,
      }),
    );

    app.get(
      "/reports/:reportId",
      {
        config: read,
        schema: {
          tags,
          description: "The stored report's content, with its media type; the ETag is its SHA-256.",
          params: z.object({ reportId: z.string() }),
        },
      },
      async (req, reply) => {
        const { meta, bytes } = await getReport(rt, req.params.reportId, requestActor(req));
        const incident = await rt.incidents.get(meta.incident_id);
        const name = `${incident?.human_id ?? "report"}-${meta.kind}-v${meta.version}.${EXT[meta.format]}`;
        return reply
          .type(meta.media_type)
          .header("etag", `"${meta.sha256}"`)
          .header("x-report-sha256", meta.sha256)
          .header("content-disposition", `inline; filename="${name}"`)
          .send(bytes);
      },
    );

    app.get(
      "/metrics",
      {
        config: read,
        schema: {
          tags,
          description:
            "MTTD, MTTA, MTTC, MTTR and time to close (mean, median, p90) by severity, type and month; plan adherence; overdue action items. Exercises, declined and merged incidents are left out.",
          querystring: Range,
          response: { 200: MetricsSchema },
        },
      },
      async (req) => metrics(rt, req.query, requestActor(req)),
    );

    app.get(
      "/metrics/chart.svg",
      {
        config: read,
        schema: {
          tags,
          description: "The metrics' medians and p90 as an SVG chart.",
          querystring: Range,
        },
      },
      async (req, reply) => {
        const m = await metrics(rt, req.query, requestActor(req));
        const chart = metricsChart(m.overall, METRICS);
        return reply.type("image/svg+xml").send(chart.svg);
      },
    );
  };
