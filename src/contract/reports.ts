import { z } from "zod";
import { REPORT_FORMATS, REPORT_KINDS } from "../domain/report-kinds.js";
import { endpoint, IfMatch, Time, whole } from "./endpoint.js";

/** Reports rendered from an incident's record and stored as versions, with their SHA-256. */

const ReportMetaSchema = z.object({
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

const GenerateBody = z.strictObject({
  kind: z.enum(REPORT_KINDS),
  format: z.enum(REPORT_FORMATS),
  include_content: z.boolean().optional().describe("also return the content, base64-encoded"),
});

const IncidentParams = z.object({ id: z.string() });

export const reports = {
  generate: endpoint({
    method: "POST",
    path: "/incidents/:id/reports",
    description:
      "Renders a report from the incident's record as it is now and stores it as the next version, with its SHA-256.",
    params: IncidentParams,
    headers: IfMatch,
    body: GenerateBody,
    response: ReportMetaSchema.extend({ content_base64: z.string().optional() }),
    status: 201,
  }),
  list: endpoint({
    method: "GET",
    path: "/incidents/:id/reports",
    params: IncidentParams,
    response: whole(ReportMetaSchema),
  }),
  /**
   * Answers the content itself (Markdown, HTML or PDF), not JSON: no response schema; pages link
   * to it (`endpointUrl(reports.content.path, { reportId })`) rather than call it.
   */
  content: endpoint({
    method: "GET",
    path: "/reports/:reportId",
    description: "The stored report's content, with its media type; the ETag is its SHA-256.",
    params: z.object({ reportId: z.string() }),
  }),
};

export type ReportMetaView = z.output<typeof ReportMetaSchema>;
