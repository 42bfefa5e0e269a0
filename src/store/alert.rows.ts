import { randomUUID } from "node:crypto";
import { type Kysely, type Selectable, sql } from "kysely";
import type {
  Alert,
  AlertDetail,
  AlertEntities,
  AlertSighting,
  SightingResult,
} from "../detection/alert.types.js";
import type { AlertSource, AlertStatus } from "../domain/alert.js";
import type { Database } from "./database.js";
import type { AlertsTable } from "./tables/detection.js";

/** PostgreSQL text cannot hold NUL; events from hostile or broken senders can. */
export const clean = (v: string | undefined | null): string | null =>
  v === undefined || v === null ? null : v.includes("\0") ? v.replaceAll("\0", "") : v;

/** A stored alert row as the use cases see it. */
export function alertFromRow(r: Selectable<AlertsTable>): Alert {
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

const LINK_CHUNK = 500;

/**
 * Inserts a sighting as a new alert or adds it to the live alert with the same key, in one
 * statement (INSERT … ON CONFLICT against the partial unique index `alerts_live_key`), so that
 * concurrent sightings of one key never open two alerts. A suppressed alert whose suppression
 * has run out reopens when it repeats.
 */
export async function sightAlert(
  k: Kysely<Database>,
  s: AlertSighting,
  now: string,
): Promise<SightingResult> {
  const id = randomUUID();
  const e = s.entities;
  const row = await k
    .insertInto("alerts")
    .values({
      id,
      scope: s.scope,
      dedup_key: s.dedup_key,
      source: s.source,
      rule_id: s.rule_id,
      integration_id: s.integration_id,
      title: clean(s.title) ?? "",
      severity: s.severity,
      level: s.level,
      status: s.status,
      count: s.count,
      first_seen: s.first_seen,
      last_seen: s.last_seen,
      host: clean(e.host),
      username: clean(e.user),
      source_ip: clean(e.source_ip),
      destination_ip: clean(e.destination_ip),
      entities: JSON.stringify(e),
      tags: JSON.stringify(s.tags),
      incident_id: null,
      payload: JSON.stringify(s.payload),
      suppressed_until: s.suppression?.until ?? null,
      suppression_id: s.suppression?.id ?? null,
      suppression_reason: s.suppression?.reason ?? null,
      acknowledged_at: null,
      resolved_at: null,
      status_by: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(["scope", "dedup_key"])
        // The literal must repeat the index predicate for the database to pick that index.
        .where(sql<boolean>`status <> 'resolved'`)
        .doUpdateSet({
          count: sql`alerts.count + excluded.count`,
          first_seen: sql`case when excluded.first_seen < alerts.first_seen then excluded.first_seen else alerts.first_seen end`,
          last_seen: sql`case when excluded.last_seen > alerts.last_seen then excluded.last_seen else alerts.last_seen end`,
          title: sql`excluded.title`,
          severity: sql`excluded.severity`,
          level: sql`excluded.level`,
          host: sql`excluded.host`,
          username: sql`excluded.username`,
          source_ip: sql`excluded.source_ip`,
          destination_ip: sql`excluded.destination_ip`,
          entities: sql`excluded.entities`,
          tags: sql`excluded.tags`,
          payload: sql`excluded.payload`,
          status: sql`case when alerts.status = 'suppressed' and alerts.suppressed_until is not null and alerts.suppressed_until < ${now} then 'open' else alerts.status end`,
          updated_at: now,
        }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  const ids = [...new Set(s.event_ids)];
  for (let i = 0; i < ids.length; i += LINK_CHUNK)
    await k
      .insertInto("alert_events")
      .values(ids.slice(i, i + LINK_CHUNK).map((event_id) => ({ alert_id: row.id, event_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  return { alert: alertFromRow(row), created: row.id === id };
}
