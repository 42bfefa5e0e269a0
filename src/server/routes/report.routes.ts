import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { metrics } from "../../contract/metrics.js";
import { reports } from "../../contract/reports.js";
import { METRICS } from "../../domain/metrics.js";
import { metricsChart } from "../../reports/charts.js";
import { metrics as computeMetrics } from "../../reports/metrics.service.js";
import { generateReport, getReport, listReports } from "../../reports/report.service.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { requestActor } from "../request-actor.js";
import { expectedVersion } from "./route-helpers.js";

const EXT = { md: "md", html: "html", pdf: "pdf" } as const;

/** Reports rendered from incidents' records and stored as versions; metrics across incidents. */
export const reportRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ["reports"];
    const read = { tags, config: { permission: "reports:read" as const } };

    serve(
      app,
      reports.generate,
      { tags, config: { permission: "incidents:write" } },
      async (req) => {
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
        return { ...meta, ...(content ? { content_base64: content } : {}) };
      },
    );

    serve(app, reports.list, read, async (req) => ({
      items: await listReports(rt, req.params.id, requestActor(req)),
      next_cursor: null,
    }));

    serve(app, reports.content, read, async (req, reply) => {
      const { meta, bytes } = await getReport(rt, req.params.reportId, requestActor(req));
      const incident = await rt.incidents.get(meta.incident_id);
      const name = `${incident?.human_id ?? "report"}-${meta.kind}-v${meta.version}.${EXT[meta.format]}`;
      return reply
        .type(meta.media_type)
        .header("etag", `"${meta.sha256}"`)
        .header("x-report-sha256", meta.sha256)
        .header("content-disposition", `inline; filename="${name}"`)
        .send(bytes);
    });

    serve(app, metrics.get, read, async (req) => computeMetrics(rt, req.query, requestActor(req)));

    serve(app, metrics.chart, read, async (req, reply) => {
      const m = await computeMetrics(rt, req.query, requestActor(req));
      const chart = metricsChart(m.overall, METRICS);
      return reply.type("image/svg+xml").send(chart.svg);
    });
  };
