/** Alerts, events, integrations and suppressions as the detection use cases see them. */

import type { AlertSource, AlertStatus, IntegrationKind } from "../domain/alert.js";

/** The entities an alert is about; declaration policies group alerts by them. */
export interface AlertEntities {
  host?: string;
  user?: string;
  source_ip?: string;
  destination_ip?: string;
  process?: { image?: string; pid?: number | string; command_line?: string };
}

/**
 * The dedup scope (and event source label) of what an exercise run replays: `exercise:<run id>`.
 * Alerts in it belong to the run, declare exercise incidents and only join the run's incidents.
 */
export const exerciseScope = (runId: string) => `exercise:${runId}`;

/** A deduplicated alert (see docs/detection.md for each field). */
export interface Alert {
  id: string;
  dedup_key: string;
  source: AlertSource;
  rule_id: string | null;
  integration_id: string | null;
  title: string;
  /** A severity id on the plan's scale. */
  severity: string;
  /** The sender's own level: Sigma level, PagerDuty severity, Alertmanager `severity` label. */
  level: string | null;
  status: AlertStatus;
  count: number;
  first_seen: string;
  last_seen: string;
  entities: AlertEntities;
  tags: string[];
  incident_id: string | null;
  suppressed_until: string | null;
  suppression_id: string | null;
  suppression_reason: string | null;
  acknowledged_at: string | null;
  resolved_at: string | null;
  /** Who made the last status change (a person, a sender, a policy). */
  status_by: string | null;
  /** The exercise run that replayed it, or null for a real alert. */
  exercise_run_id: string | null;
  created_at: string;
  updated_at: string;
}

/** An alert with the rule metadata or sender payload behind it. */
export interface AlertDetail extends Alert {
  payload: Record<string, unknown>;
}

/**
 * A sighting of an alert: inserted when no live alert has its `(scope, dedup_key)`, otherwise
 * added to the live one (count, last seen, latest title/severity/payload).
 */
export interface AlertSighting {
  scope: string;
  dedup_key: string;
  source: AlertSource;
  rule_id: string | null;
  integration_id: string | null;
  title: string;
  severity: string;
  level: string | null;
  entities: AlertEntities;
  tags: string[];
  payload: Record<string, unknown>;
  /** How many times it was seen in this sighting (rule matches in a batch). */
  count: number;
  first_seen: string;
  last_seen: string;
  /** Status when the sighting opens a new alert: open, or suppressed by a suppression rule. */
  status: "open" | "suppressed";
  suppression?: { id: string; until: string | null; reason: string };
  /** Events behind it (linked to the alert). */
  event_ids: string[];
}

/** What storing a sighting did. */
export interface SightingResult {
  alert: Alert;
  /** True when the sighting opened a new alert. */
  created: boolean;
}

/** "event": the event said its time; "arrival": it said none, its arrival time stands in. */
export type EventTimeSource = "event" | "arrival";

/** A raw event as stored, with its time and entities. */
export interface StoredEvent {
  id: string;
  received_at: string;
  /** The event's own time, or its arrival time when it says none Firebreak recognises. */
  time: string | null;
  /** Where `time` comes from (docs/event-time.md). */
  time_source: EventTimeSource;
  source: string | null;
  integration_id: string | null;
  entities: AlertEntities;
  raw: unknown;
  /** `raw` as JSON text, when the reader already has it (spares serialising it again). */
  raw_text?: string;
}

/** Filters of the alert list; every one given must hold. */
export interface AlertFilter {
  status?: AlertStatus[];
  severity?: string[];
  rule_id?: string[];
  source?: AlertSource[];
  incident_id?: string;
  /** Open and acknowledged alerts not attached to an incident: the triage queue. */
  triage?: boolean;
  q?: string;
  /**
   * Leaves out alerts of restricted incidents this person does not take part in
   * (auth/incident-visibility.ts); absent: every alert (admins, the system).
   */
  visibleTo?: string;
}

/** Changes to an alert's state (only the given fields change). */
export interface AlertPatch {
  status?: AlertStatus;
  incident_id?: string | null;
  suppressed_until?: string | null;
  suppression_id?: string | null;
  suppression_reason?: string | null;
  acknowledged_at?: string | null;
  resolved_at?: string | null;
  status_by?: string | null;
}

/** What the alert use cases need from storage. */
export interface AlertStore {
  /** Stores one sighting (receivers); atomic against concurrent sightings of the same key. */
  sight(sighting: AlertSighting, now: string): Promise<SightingResult>;
  /** The live (not resolved) alert for a key, if any. */
  live(scope: string, dedupKey: string): Promise<Alert | undefined>;
  get(id: string): Promise<AlertDetail | undefined>;
  list(
    filter: AlertFilter,
    limit: number,
    cursor?: string,
  ): Promise<{ items: Alert[]; next_cursor: string | null }>;
  /** Applies a patch; `onlyIf` restricts to alerts in those statuses. False when nothing changed. */
  update(id: string, patch: AlertPatch, now: string, onlyIf?: AlertStatus[]): Promise<boolean>;
  /** Links alerts to an incident. */
  attach(ids: string[], incidentId: string, now: string): Promise<void>;
  /** Undeclared open alerts seen since a time (declaration windows after a restart). */
  undeclaredSince(since: string): Promise<Alert[]>;
  /**
   * The newest incident still in progress that holds an alert sharing one of these entities
   * (host, user, source address).
   */
  openIncidentFor(entities: {
    host?: string;
    user?: string;
    ip?: string;
    /** For an exercise alert: only that run's exercise incidents; otherwise only real ones. */
    exerciseRunId?: string | null;
  }): Promise<string | null>;
}

/** What ingestion needs from storage. */
export interface EventStore {
  /**
   * Stores a batch of events and the alert sightings they raised in one transaction: either all
   * of it is durable when this resolves, or none.
   */
  storeBatch(
    events: StoredEvent[],
    sightings: AlertSighting[],
    now: string,
  ): Promise<SightingResult[]>;
  /**
   * Whether `storeBatch` deferred repeats of known alerts that no flush has counted yet. A repeat
   * of an alert that policies have decided on (attached to an incident, or suppressed for good)
   * and that says nothing new is journaled with the events, and counted later with many others.
   */
  readonly repeatsPending: boolean;
  /**
   * Counts the journaled repeats into their alerts (count, first and last seen, event links):
   * every journaled batch, this process's and any left by another or by a crash, each once.
   */
  flushRepeats(): Promise<void>;
  /** Events behind an alert, newest first. */
  forAlert(alertId: string, limit: number): Promise<{ items: StoredEvent[]; total: number }>;
  /**
   * Deletes up to `limit` of the oldest events received before a time (and their alert links) in
   * one transaction; returns how many. Callers repeat it until it returns less than `limit`.
   */
  purgeBefore(before: string, limit: number): Promise<number>;
}

/** A sender of alerts (its key is never part of it). */
export interface Integration {
  id: string;
  kind: IntegrationKind;
  name: string;
  key_hint: string;
  mapping: Record<string, unknown> | null;
  created_at: string;
  created_by: string;
  /** When a sender last got through with the key; null until the first one does. */
  last_received_at: string | null;
}

/** Integrations in storage, found by id or by the hash of their key. */
export interface IntegrationStore {
  create(integration: Integration, keyHash: string): Promise<void>;
  /** Notes that a sender got through with the integration's key at `at`. */
  received(id: string, at: string): Promise<void>;
  /** The integration whose key hashes to this value. */
  byKeyHash(keyHash: string): Promise<(Integration & { key_hash: string }) | undefined>;
  get(id: string): Promise<(Integration & { key_hash: string }) | undefined>;
  list(): Promise<Integration[]>;
  delete(id: string): Promise<boolean>;
}

/** Which alerts a suppression rule silences; every given field must match (`*` wildcards). */
export interface SuppressionMatcher {
  rule_id?: string;
  dedup_key?: string;
  source?: AlertSource;
  integration_id?: string;
  title?: string;
  host?: string;
  user?: string;
  ip?: string;
}

/** A suppression rule: from `starts_at` to `expires_at`, matching new alerts arrive suppressed. */
export interface Suppression {
  id: string;
  matcher: SuppressionMatcher;
  reason: string;
  starts_at: string | null;
  expires_at: string | null;
  created_at: string;
  created_by: string;
}

/** Suppression rules in storage. */
export interface SuppressionStore {
  create(s: Suppression): Promise<void>;
  /** Rules in force at a time (started, not expired). */
  active(at: string): Promise<Suppression[]>;
  list(): Promise<Suppression[]>;
  delete(id: string): Promise<boolean>;
}
