import { alerts, type DeclareFromAlertsInput } from "../../../src/contract/alerts";
import { client } from "./client";

/** The alert routes, as the pages call them (`src/contract/alerts.ts`). */

export type {
  AlertDetailView as AlertDetail,
  AlertView as Alert,
} from "../../../src/contract/alerts";
export {
  ALERT_SOURCES,
  ALERT_STATUSES,
  type AlertSource,
  type AlertStatus,
} from "../../../src/domain/alert";

/** The list filters the alert pages keep in their URL. */
export interface AlertFilter {
  status?: string[];
  severity?: string[];
  source?: string[];
  /** Open and acknowledged alerts not attached to an incident: the triage queue. */
  triage?: boolean;
  q?: string;
  limit?: number;
  cursor?: string;
}

const on = (id: string) => ({ params: { id } });

export const alertsApi = {
  list: (filter: AlertFilter, signal?: AbortSignal) =>
    client.call(
      alerts.list,
      {
        query: {
          status: filter.status?.join(","),
          severity: filter.severity?.join(","),
          source: filter.source?.join(","),
          triage: filter.triage ? "true" : undefined,
          q: filter.q?.trim() || undefined,
          limit: filter.limit,
          cursor: filter.cursor,
        },
      },
      { signal },
    ),
  get: (id: string, signal?: AbortSignal) => client.call(alerts.get, on(id), { signal }),
  acknowledge: (id: string) => client.call(alerts.acknowledge, on(id)),
  resolve: (id: string) => client.call(alerts.resolve, on(id)),
  suppress: (id: string, reason: string, duration?: string) =>
    client.call(alerts.suppress, { ...on(id), body: { reason, for: duration || undefined } }),
  declare: (id: string, input: DeclareFromAlertsInput) =>
    client.call(alerts.declare, { ...on(id), body: input }),
  attach: (id: string, incident: string, more?: string[]) =>
    client.call(alerts.attach, { ...on(id), body: { incident, alerts: more } }),
};
