import { createHash } from "node:crypto";
import { canSeeIncidentOf } from "../auth/incident-visibility.js";
import { type Actor, describeActor } from "../domain/actor.js";
import { DomainError, invalidInput, notFound } from "../domain/errors.js";
import { computeMetrics } from "../domain/metrics.js";
import {
  REPORT_FORMATS,
  REPORT_KINDS,
  type ReportFormat,
  type ReportKind,
} from "../domain/report-kinds.js";
import { newRowId } from "../domain/row-id.js";
import { getIncident } from "../response/incident.service.js";
import { mutateIncident, requireVersion } from "../response/mutate.js";
import type { Report } from "./blocks.js";
import { afterActionReport, type Comparison } from "./kinds/after-action.js";
import { executiveReport } from "./kinds/executive.js";
import { gdprDraft, nis2Draft, sec8kDraft } from "./kinds/regulator.js";
import { technicalReport } from "./kinds/technical.js";
import { allIncidents } from "./metrics.service.js";
import { renderHtml } from "./render-html.js";
import { renderMarkdown } from "./render-markdown.js";
import {
  MEDIA_TYPES,
  type ReportDeps,
  type StoredReport,
  type StoredReportMeta,
} from "./report.types.js";
import { type ReportData, reportData } from "./report-data.js";

/** The report of a kind, built from the incident's record. */
export function buildReport(kind: ReportKind, data: ReportData, comparison?: Comparison): Report {
  switch (kind) {
    case "technical":
      return technicalReport(data);
    case "executive":
      return executiveReport(data);
    case "after-action":
      return afterActionReport(data, comparison);
    case "regulator-gdpr":
      return gdprDraft(data);
    case "regulator-nis2":
      return nis2Draft(data);
    case "regulator-sec-8k":
      return sec8kDraft(data);
  }
}

/** A report in a format, as bytes. */
export async function renderReport(report: Report, format: ReportFormat): Promise<Buffer> {
  // pdfmake and its fonts load only when a PDF is asked for (they take a while to load).
  if (format === "pdf") return (await import("./render-pdf.js")).renderPdf(report);
  return Buffer.from(format === "md" ? renderMarkdown(report) : renderHtml(report), "utf8");
}

const YEAR_MS = 365 * 86_400_000;

/** The organisation's medians over the year before, other incidents only: the after-action yardstick. */
async function comparisonFor(deps: ReportDeps, data: ReportData): Promise<Comparison | undefined> {
  const from = new Date(data.now.getTime() - YEAR_MS).toISOString();
  const others = (await allIncidents(deps)).filter((i) => i.id !== data.incident.id);
  const m = computeMetrics(others, [], { from, now: data.now });
  return m.incidents > 0
    ? { label: `Median of ${m.incidents} other incident(s), last 12 months`, overall: m.overall }
    : undefined;
}

export function checkKindAndFormat(kind: string, format: string): [ReportKind, ReportFormat] {
  if (!(REPORT_KINDS as readonly string[]).includes(kind))
    throw invalidInput(`kind must be one of ${REPORT_KINDS.join(", ")}`, [
      { message: "unknown kind", path: "kind" },
    ]);
  if (!(REPORT_FORMATS as readonly string[]).includes(format))
    throw invalidInput(`format must be one of ${REPORT_FORMATS.join(", ")}`, [
      { message: "unknown format", path: "format" },
    ]);
  return [kind as ReportKind, format as ReportFormat];
}

async function render(deps: ReportDeps, data: ReportData, kind: ReportKind, format: ReportFormat) {
  const comparison = kind === "after-action" ? await comparisonFor(deps, data) : undefined;
  const report = buildReport(kind, data, comparison);
  return { report, bytes: await renderReport(report, format) };
}

/** Renders a report without storing it (previews, benchmarks). */
export async function previewReport(
  deps: ReportDeps,
  ref: string,
  kind: ReportKind,
  format: ReportFormat,
  viewer: Actor | undefined,
): Promise<{ report: Report; bytes: Buffer }> {
  return render(deps, await reportData(deps, ref, viewer), kind, format);
}

/**
 * Renders a report from the incident's record as it is now, stores it as the next version of
 * that kind and format with its SHA-256, and notes it on the timeline. Reports can be made at
 * any time: a status report mid-incident is the same call.
 */
export async function generateReport(
  deps: ReportDeps,
  ref: string,
  input: { kind: string; format: string },
  actor: Actor,
  expectedVersion?: number,
): Promise<StoredReportMeta> {
  const [kind, format] = checkKindAndFormat(input.kind, input.format);
  const data = await reportData(deps, ref, actor);
  requireVersion(data.incident, expectedVersion);
  const { report, bytes } = await render(deps, data, kind, format);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const row: Omit<StoredReport, "version"> = {
    id: newRowId(),
    incident_id: data.incident.id,
    kind,
    format,
    title: report.title,
    media_type: MEDIA_TYPES[format],
    sha256,
    size: bytes.length,
    encoding: format === "pdf" ? "base64" : "utf8",
    content: format === "pdf" ? bytes.toString("base64") : bytes.toString("utf8"),
    incident_version: data.incident.version,
    created_at: deps.clock.now().toISOString(),
    created_by: describeActor(actor),
  };
  let version = 0;
  // Two reports of the same kind at once race for the same version number; the loser retries.
  for (let attempt = 0; attempt < 5 && !version; attempt++)
    version = await deps.reports.insert(row).catch((e: unknown) => {
      if (attempt === 4) throw e;
      return 0;
    });
  if (!version) throw new DomainError("conflict", "could not store the report; try again");
  await mutateIncident(deps, data.incident.id, actor, undefined, ({ incident }) => ({
    incident,
    timeline: [
      {
        kind: "report.generated",
        actor,
        payload: { report_id: row.id, kind, format, version, sha256, size: row.size },
      },
    ],
  }));
  const { content: _c, ...meta } = row;
  return { ...meta, version };
}

/** The incident's stored reports, newest first (without their content). */
export async function listReports(
  deps: ReportDeps,
  ref: string,
  viewer: Actor | undefined,
): Promise<StoredReportMeta[]> {
  const incident = await getIncident(deps, ref, viewer);
  return deps.reports.list(incident.id);
}

/** One stored report with its content as bytes. */
export async function getReport(
  deps: ReportDeps,
  id: string,
  viewer?: Actor,
): Promise<{ meta: StoredReportMeta; bytes: Buffer }> {
  const stored = await deps.reports.get(id);
  // A report about an incident the viewer may not see is as missing as one that does not exist.
  if (!stored || !(await canSeeIncidentOf(deps, viewer, stored.incident_id)))
    throw notFound("report", id);
  const { content, ...meta } = stored;
  return { meta, bytes: Buffer.from(content, meta.encoding === "base64" ? "base64" : "utf8") };
}
