import { CompiledQuery, type Kysely, type Selectable } from "kysely";
import type {
  Alert,
  AlertDetail,
  AlertEntities,
  AlertSighting,
  SightingResult,
} from "../detection/alert.types.js";
import type { AlertSource, AlertStatus } from "../domain/alert.js";
import { newRowId } from "../domain/row-id.js";
import type { DialectName } from "./connect.js";
import type { Database } from "./database.js";
import { multiRowInsertSql } from "./multi-row-insert.sql.js";
import type { AlertsTable } from "./tables/detection.js";

/** PostgreSQL text cannot hold NUL; events from hostile or broken senders can. */
export const clean = (v: string | undefined | null): string | null =>
  v === undefined || v === null ? null : v.includes("\0") ? v.replaceAll("\0", "") : v;

/** An alert row; an `Alert` needs every column but the payload. */
type AlertRow = Omit<Selectable<AlertsTable>, "payload">;

/** A stored alert row as the use cases see it. */
export function alertFromRow(r: AlertRow): Alert {
  return {
    id: r.id,
    dedup_key: r.dedup_key,
    source: r.source as AlertSource,
    rule_id: r.rule_id,
    integration_id: r.integration_id,
    title: r.title,
    severity: r.severity,
    level: r.level,
    status: r.status as AlertStatus,
    count: Number(r.count),
    first_seen: r.first_seen,
    last_seen: r.last_seen,
    entities: JSON.parse(r.entities) as AlertEntities,
    tags: JSON.parse(r.tags) as string[],
    incident_id: r.incident_id,
    suppressed_until: r.suppressed_until,
    suppression_id: r.suppression_id,
    suppression_reason: r.suppression_reason,
    acknowledged_at: r.acknowledged_at,
    resolved_at: r.resolved_at,
    status_by: r.status_by,
    exercise_run_id: r.scope.startsWith("exercise:") ? r.scope.slice("exercise:".length) : null,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

/** An alert row with its payload. */
export function alertDetailFromRow(r: Selectable<AlertsTable>): AlertDetail {
  return { ...alertFromRow(r), payload: JSON.parse(r.payload) as Record<string, unknown> };
}

/** The columns a sighting writes, in the order of the multi-row INSERT's parameters. */
const ALERT_COLUMNS = [
  "id",
  "scope",
  "dedup_key",
  "source",
  "rule_id",
  "integration_id",
  "title",
  "severity",
  "level",
  "status",
  "count",
  "first_seen",
  "last_seen",
  "host",
  "username",
  "source_ip",
  "destination_ip",
  "entities",
  "tags",
  "incident_id",
  "payload",
  "suppressed_until",
  "suppression_id",
  "suppression_reason",
  "acknowledged_at",
  "resolved_at",
  "status_by",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof AlertsTable)[];

/**
 * A repeat adds to the live alert with the same key (the partial unique index `alerts_live_key`,
 * whose predicate the clause must repeat for the database to pick it): counts add up, first and
 * last seen widen, the latest title, severity, entities and payload win, and a suppressed alert
 * whose suppression has run out (before `excluded.updated_at`, the batch's `now`) reopens.
 * The payload (the rule's metadata, the largest column) is not read back: an `Alert` has none.
 *
 * Most repeats say again what the row already holds (same rule, same host, same process): then
 * the content columns are set to their own stored value, which SQLite does for less than writing
 * the same value again from the new row (CPU of one batch of 1,168 repeats of live alerts, median
 * of 40: 47 ms → 41 ms). `entities` is what every entity column is made from, so comparing it
 * covers them.
 */
const SAME_CONTENT = `alerts.entities = excluded.entities and alerts.payload = excluded.payload
 and alerts.title = excluded.title and alerts.severity = excluded.severity
 and alerts.level is not distinct from excluded.level and alerts.tags = excluded.tags`;
const CONTENT_COLUMNS = [
  "title",
  "severity",
  "level",
  "host",
  "username",
  "source_ip",
  "destination_ip",
  "entities",
  "tags",
  "payload",
] as const satisfies readonly (keyof AlertsTable)[];
const UPSERT = `on conflict ("scope","dedup_key") where status <> 'resolved' do update set
 "count" = alerts.count + excluded.count,
 "first_seen" = case when excluded.first_seen < alerts.first_seen then excluded.first_seen else alerts.first_seen end,
 "last_seen" = case when excluded.last_seen > alerts.last_seen then excluded.last_seen else alerts.last_seen end,
 ${CONTENT_COLUMNS.map((c) => `"${c}" = case when ${SAME_CONTENT} then alerts."${c}" else excluded."${c}" end`).join(",\n ")},
 "status" = case when alerts.status = 'suppressed' and alerts.suppressed_until is not null and alerts.suppressed_until < excluded.updated_at then 'open' else alerts.status end,
 "updated_at" = excluded.updated_at
returning ${ALERT_COLUMNS.filter((c) => c !== "payload")
  .map((c) => `"${c}"`)
  .join(",")}`;

/** 29 parameters a row: 500 rows stay far below SQLite's (32,766) and PostgreSQL's (65,535) limits. */
const ALERT_CHUNK = 500;
/** 2 parameters a row. */
const LINK_CHUNK = 5000;

/** An alert's dedup identity as one string: its scope and key. */
const keyOf = (s: { scope: string; dedup_key: string }) => `${s.scope}\0${s.dedup_key}`;

const LONE_SURROGATE = /\p{Cs}/u;
/**
 * A sighting whose key holds a lone surrogate (`"\ud800"` is a valid JSON string) with each one
 * made U+FFFD, as UTF-8 can hold it: the drivers would each store it their own way (one U+FFFD on
 * PostgreSQL, three on SQLite), and the row read back must be found under the key it was written
 * with. Two keys that differ only there are then one alert.
 */
function wellFormedKey(s: AlertSighting): AlertSighting {
  if (!LONE_SURROGATE.test(s.scope) && !LONE_SURROGATE.test(s.dedup_key)) return s;
  const fix = (text: string) => text.replace(/\p{Cs}/gu, "\ufffd");
  return { ...s, scope: fix(s.scope), dedup_key: fix(s.dedup_key) };
}

/**
 * Sightings of one key folded into one, as storing them one after the other would leave the
 * alert: counts summed, first/last seen widened, the last one's title, entities and payload, the
 * first one's opening status and suppression, every event. (PostgreSQL refuses a statement that
 * updates a row twice, so a batch's rows must have distinct keys.)
 */
function fold(into: AlertSighting, s: AlertSighting): AlertSighting {
  const folded: AlertSighting = {
    ...s,
    status: into.status,
    count: into.count + s.count,
    event_ids: [...into.event_ids, ...s.event_ids],
  };
  if (into.suppression) folded.suppression = into.suppression;
  else delete folded.suppression;
  if (into.first_seen < s.first_seen) folded.first_seen = into.first_seen;
  if (into.last_seen > s.last_seen) folded.last_seen = into.last_seen;
  return folded;
}

/**
 * JSON texts of the objects sightings share: a rule's tags and payload are the same objects in
 * every sighting of the rule (`SightingCollector`), so a batch of a thousand repeats of a few
 * dozen rules serialises each once, not once per sighting. Objects written here are never changed.
 */
const jsonTexts = new WeakMap<object, string>();
function sharedJson(value: object): string {
  let text = jsonTexts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    jsonTexts.set(value, text);
  }
  return text;
}

function pushRow(params: unknown[], id: string, s: AlertSighting, now: string) {
  const e = s.entities;
  params.push(
    id,
    s.scope,
    s.dedup_key,
    s.source,
    s.rule_id,
    s.integration_id,
    clean(s.title) ?? "",
    s.severity,
    s.level,
    s.status,
    s.count,
    s.first_seen,
    s.last_seen,
    clean(e.host),
    clean(e.user),
    clean(e.source_ip),
    clean(e.destination_ip),
    JSON.stringify(e),
    sharedJson(s.tags),
    null,
    sharedJson(s.payload),
    s.suppression?.until ?? null,
    s.suppression?.id ?? null,
    s.suppression?.reason ?? null,
    null,
    null,
    null,
    now,
    now,
  );
}

/** A batch's sightings folded by key (`fold`), each key once. */
export function foldByKey(sightings: AlertSighting[]): Map<string, AlertSighting> {
  const byKey = new Map<string, AlertSighting>();
  for (const s of sightings) {
    const key = keyOf(s);
    const seen = byKey.get(key);
    byKey.set(key, seen ? fold(seen, s) : s);
  }
  return byKey;
}

/** The sightings with keys UTF-8 can hold (`wellFormedKey`), as the rows will be written. */
export const wellFormed = (sightings: AlertSighting[]) => sightings.map(wellFormedKey);

/**
 * Inserts or adds to the live alert of each of `keys`, in one INSERT … ON CONFLICT statement per
 * 500 keys, so that concurrent sightings of one key never open two alerts and a batch costs a few
 * statements, not one per alert. Then links the events behind them. Answers each key's alert as
 * stored, and the keys whose sighting opened a new one.
 */
export async function writeAlerts(
  k: Kysely<Database>,
  dialect: DialectName,
  byKey: Map<string, AlertSighting>,
  keys: string[],
  now: string,
): Promise<{ alerts: Map<string, Alert>; created: Set<string> }> {
  // A fixed order keeps two PostgreSQL transactions touching the same alerts from deadlocking on
  // each other's row locks (rows of a multi-row INSERT are locked in the order written).
  keys = [...keys].sort();
  const ids = new Map<string, string>();
  const rows = new Map<string, AlertRow>();
  for (let i = 0; i < keys.length; i += ALERT_CHUNK) {
    const chunk = keys.slice(i, i + ALERT_CHUNK);
    const params: unknown[] = [];
    for (const key of chunk) {
      const id = newRowId();
      ids.set(key, id);
      pushRow(params, id, byKey.get(key) as AlertSighting, now);
    }
    const text = multiRowInsertSql(dialect, "alerts", ALERT_COLUMNS, chunk.length, UPSERT);
    const res = await k.executeQuery<AlertRow>(CompiledQuery.raw(text, params));
    for (const row of res.rows) rows.set(keyOf(row), row);
  }
  const links: string[] = [];
  const alerts = new Map<string, Alert>();
  const created = new Set<string>();
  for (const key of keys) {
    const row = rows.get(key) as AlertRow;
    alerts.set(key, alertFromRow(row));
    if (row.id === ids.get(key)) created.add(key);
    for (const eventId of new Set((byKey.get(key) as AlertSighting).event_ids))
      links.push(row.id, eventId);
  }
  await linkEvents(k, dialect, links);
  return { alerts, created };
}

/** Links events to alerts: `links` is alert id, event id, alert id, event id… */
export async function linkEvents(k: Kysely<Database>, dialect: DialectName, links: string[]) {
  for (let i = 0; i < links.length; i += 2 * LINK_CHUNK) {
    const params = links.slice(i, i + 2 * LINK_CHUNK);
    const text = multiRowInsertSql(
      dialect,
      "alert_events",
      ["alert_id", "event_id"],
      params.length / 2,
      "on conflict do nothing",
    );
    await k.executeQuery(CompiledQuery.raw(text, params));
  }
}

/**
 * One result per sighting, in their order: sightings of the same key share their alert, and the
 * first of them says whether it opened it.
 */
export function sightingResults(
  sightings: AlertSighting[],
  alerts: Map<string, Alert>,
  created: Set<string>,
): SightingResult[] {
  const firsts = new Set<string>();
  return sightings.map((s) => {
    const key = keyOf(s);
    const first = !firsts.has(key);
    firsts.add(key);
    return { alert: alerts.get(key) as Alert, created: first && created.has(key) };
  });
}

/** Stores sightings (`writeAlerts`) and answers one result per sighting (`sightingResults`). */
export async function sightAlerts(
  k: Kysely<Database>,
  dialect: DialectName,
  sightings: AlertSighting[],
  now: string,
): Promise<SightingResult[]> {
  const keyed = wellFormed(sightings);
  const byKey = foldByKey(keyed);
  const { alerts, created } = await writeAlerts(k, dialect, byKey, [...byKey.keys()], now);
  return sightingResults(keyed, alerts, created);
}
