import type { StoredClockNotification, StoredClockStop } from "../compliance/clock-record.types.js";
import type { ReportFormat, ReportKind } from "../domain/report-kinds.js";
import type { PostIncidentDeps } from "../postincident/deps.js";
import type { AttackDeps } from "../response/attack.service.js";
import type { ChangeDeps } from "../response/changes.service.js";

export const MEDIA_TYPES: Record<ReportFormat, string> = {
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
};

/** A stored report version, without its content. */
export interface StoredReportMeta {
  id: string;
  incident_id: string;
  kind: ReportKind;
  format: ReportFormat;
  /** 1, 2, … per incident, kind and format. */
  version: number;
  title: string;
  media_type: string;
  /** SHA-256 (hex) of the content's bytes. */
  sha256: string;
  size: number;
  encoding: "utf8" | "base64";
  /** The incident version the report was rendered from. */
  incident_version: number;
  created_at: string;
  created_by: string;
}

export interface StoredReport extends StoredReportMeta {
  content: string;
}

/** What the report use cases need from storage. */
export interface ReportStore {
  /** Stores the next version of the incident's report of that kind and format; returns it. */
  insert(report: Omit<StoredReport, "version">): Promise<number>;
  list(incidentId: string): Promise<StoredReportMeta[]>;
  get(id: string): Promise<StoredReport | undefined>;
}

/**
 * Notifications sent and clocks stopped, as the compliance module records them (structurally,
 * so reports need only this much of it). Without it every clock shows as not yet met.
 */
export interface ClockRecordSource {
  records(incidentIds: readonly string[]): Promise<{
    notifications: Omit<StoredClockNotification, "id" | "recorded_at" | "recorded_by">[];
    stops: Omit<StoredClockStop, "recorded_by">[];
  }>;
}

export interface ReportDeps extends PostIncidentDeps, ChangeDeps, Pick<AttackDeps, "attack"> {
  reports: ReportStore;
  clockRecords?: ClockRecordSource;
}
