import { api } from "./client";
import type { Incident, Page } from "./types";

/** The alert routes (`src/server/routes/alert.routes.ts`, shapes in `alert.schemas.ts`). */

export const ALERT_STATUSES = ["open", "acknowledged", "resolved", "suppressed"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ALERT_SOURCES = ["rule", "pagerduty", "alertmanager", "webhook"] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

export interface Entities {
  host?: string;
  user?: string;
  source_ip?: string;
  destination_ip?: string;
  process?: { image?: string; pid?: string | number; command_line?: string };
}

export interface Alert {
  id: string;
  dedup_key: string;
  source: AlertSource;
  rule_id: string | null;
  integration_id: string | null;
  title: string;
  severity: string;
  level: string | null;
  status: AlertStatus;
  count: number;
  first_seen: string;
  last_seen: string;
  entities: Entities;
  tags: string[];
  incident_id: string | null;
  suppressed_until: string | null;
  suppression_reason: string | null;
  acknowledged_at: string | null;
  resolved_at: string | null;
  status_by: string | null;
}

export interface AlertEvent {
  id: string;
  received_at: string;
  time: string | null;
  source: string | null;
  entities: Entities;
  raw: unknown;
}

export interface AlertDetail extends Alert {
  payload: Record<string, unknown>;
  events: AlertEvent[];
  events_total: number;
}

export interface AlertFilter {
  status?: string[];
  severity?: string[];
  source?: string[];
  /** Open alerts not attached to an incident: the triage queue. */
  triage?: boolean;
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface DeclareFromAlerts {
  type: string;
  severity?: string;
  title?: string;
  description?: string;
  alerts?: string[];
}

const at = (id: string) => `/alerts/${encodeURIComponent(id)}`;

export const alertsApi = {
  list: (filter: AlertFilter, signal?: AbortSignal) =>
    api<Page<Alert>>("/alerts", {
      signal,
      query: {
        status: filter.status,
        severity: filter.severity,
        source: filter.source,
        triage: filter.triage ? "true" : undefined,
        q: filter.q?.trim() || undefined,
        limit: filter.limit,
        cursor: filter.cursor,
      },
    }),
  get: (id: string, signal?: AbortSignal) => api<AlertDetail>(at(id), { signal }),
  acknowledge: (id: string) => api<Alert>(`${at(id)}/acknowledge`, { method: "POST" }),
  resolve: (id: string) => api<Alert>(`${at(id)}/resolve`, { method: "POST" }),
  suppress: (id: string, reason: string, duration?: string) =>
    api<Alert>(`${at(id)}/suppress`, { json: { reason, for: duration || undefined } }),
  declare: (id: string, input: DeclareFromAlerts) =>
    api<{ incident: Incident; alert_ids: string[] }>(`${at(id)}/declare`, { json: input }),
  attach: (id: string, incident: string, alerts?: string[]) =>
    api<{ incident: Incident; alert_ids: string[] }>(`${at(id)}/attach`, {
      json: { incident, alerts },
    }),
};
