/** Events, alerts and where alerts come from (see migrations/0008-detection.ts). */
export interface DetectionTables {
  events: EventsTable;
  alerts: AlertsTable;
  alert_events: AlertEventsTable;
  alert_repeats: AlertRepeatsTable;
  integrations: IntegrationsTable;
  suppressions: SuppressionsTable;
}

/**
 * A raw event as received, with the entities responders pivot on pulled out into columns so that
 * "everything from host FS01" needs no JSON search. Purged after the retention period.
 */
export interface EventsTable {
  id: string;
  received_at: string;
  /** The event's own time, when it says one; else its arrival time (`time_source`). */
  time: string | null;
  /** "event" or "arrival" (migration 0025; older rows' null times became arrival times). */
  time_source: string;
  /** Free label given by the sender (`?source=` or `firebreak ingest --source`). */
  source: string | null;
  integration_id: string | null;
  host: string | null;
  /** `user` is reserved in PostgreSQL. */
  username: string | null;
  source_ip: string | null;
  destination_ip: string | null;
  process_image: string | null;
  process_pid: string | null;
  command_line: string | null;
  /** The event exactly as parsed (JSON). */
  raw: string;
}

/**
 * One alert: a rule match or an external monitor's alert, deduplicated. At most one *live* alert
 * (not resolved) exists per `(scope, dedup_key)`; repeats add to its `count`.
 */
export interface AlertsTable {
  id: string;
  /** Dedup namespace: `rule` for Sigma matches, else the integration id (PagerDuty semantics). */
  scope: string;
  dedup_key: string;
  /** rule, pagerduty, alertmanager, webhook, grafana. */
  source: string;
  rule_id: string | null;
  integration_id: string | null;
  title: string;
  /** A severity id on the plan's scale. */
  severity: string;
  /** The sender's own level (Sigma level, PagerDuty severity, Alertmanager label). */
  level: string | null;
  /** open, acknowledged, resolved, suppressed. */
  status: string;
  count: number;
  first_seen: string;
  last_seen: string;
  host: string | null;
  username: string | null;
  source_ip: string | null;
  destination_ip: string | null;
  /** JSON object of every entity known (including process). */
  entities: string;
  /** JSON array of tags (Sigma tags, Alertmanager labels as `name=value`). */
  tags: string;
  incident_id: string | null;
  /** JSON: the rule's metadata or the sender's latest payload. */
  payload: string;
  /** A suppressed alert reopens when it repeats after this time; null: suppressed for good. */
  suppressed_until: string | null;
  suppression_id: string | null;
  suppression_reason: string | null;
  acknowledged_at: string | null;
  resolved_at: string | null;
  /** Who made the last status change (a person, a sender, a policy). */
  status_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AlertEventsTable {
  alert_id: string;
  event_id: string;
}

/**
 * Repeats of settled alerts journaled by a batch, not yet counted into their alerts
 * (store/alert-repeats.ts, migration 0036). `body` is JSON: per alert, its id, the batch's count,
 * first and last seen, and the events to link.
 */
export interface AlertRepeatsTable {
  id: string;
  written_at: string;
  body: string;
}

/** A sender of alerts, with the hash of its key (the key itself is shown once, at creation). */
export interface IntegrationsTable {
  id: string;
  /** pagerduty, alertmanager, webhook, grafana. */
  kind: string;
  name: string;
  /** SHA-256 hex of the key. */
  key_hash: string;
  /** Last four characters of the key, so people can tell keys apart. */
  key_hint: string;
  /** JSON mapping document (webhook integrations). */
  mapping: string | null;
  created_at: string;
  created_by: string;
  /** When a sender last got through with the key (migration 0019). */
  last_received_at: string | null;
}

/** A known false positive or a maintenance window: matching new alerts arrive suppressed. */
export interface SuppressionsTable {
  id: string;
  /** JSON matcher (see detection/suppression.ts). */
  matcher: string;
  reason: string;
  starts_at: string | null;
  expires_at: string | null;
  created_at: string;
  created_by: string;
}
