/**
 * The reports Firebreak renders from an incident's record, and their formats: what the API
 * accepts and the web and CLI offer (Node-free, so the web imports them too).
 */
export const REPORT_KINDS = [
  "technical",
  "executive",
  "after-action",
  "regulator-gdpr",
  "regulator-nis2",
  "regulator-sec-8k",
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_FORMATS = ["md", "html", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
