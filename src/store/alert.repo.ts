import type { Kysely } from "kysely";
import {
  type AlertStore,
  exerciseScope,
  type SightingResult,
  type Suppression,
  type SuppressionMatcher,
  type SuppressionStore,
} from "../detection/alert.types.js";
import type { DetectionStores } from "../detection/detection.js";
import { END_STATES } from "../domain/incident/phase.js";
import { alertDetailFromRow, alertFromRow, sightAlerts } from "./alert.rows.js";
import { RepeatJournal } from "./alert-repeats.js";
import { clusterRepo } from "./cluster.repo.js";
import type { Db } from "./connect.js";
import type { Database } from "./database.js";
import { eventRepo } from "./event.repo.js";
import { integrationRepo } from "./integration.repo.js";
import { newestFirstPage } from "./keyset-page.js";
import type { SuppressionsTable } from "./tables/detection.js";
import { whereContainsText } from "./text-search.sql.js";
import { notInHiddenIncident } from "./visibility.sql.js";

/** Alerts over Kysely (both dialects). */
export function alertRepo(db: Db, repeats: RepeatJournal): AlertStore {
  const k: Kysely<Database> = db.kysely;
  return {
    async sight(sighting, now) {
      return (await sightAlerts(k, db.dialect, [sighting], now))[0] as SightingResult;
    },

    async live(scope, dedupKey) {
      await repeats.settle();
      const row = await k
        .selectFrom("alerts")
        .selectAll()
        .where("scope", "=", scope)
        .where("dedup_key", "=", dedupKey)
        .where("status", "<>", "resolved")
        .executeTakeFirst();
      return row ? alertFromRow(row) : undefined;
    },

    async get(id) {
      await repeats.settle();
      const row = await k.selectFrom("alerts").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? alertDetailFromRow(row) : undefined;
    },

    async list(filter, limit, cursor) {
      await repeats.settle();
      let q = k.selectFrom("alerts").selectAll();
      if (filter.status?.length) q = q.where("status", "in", filter.status);
      if (filter.severity?.length) q = q.where("severity", "in", filter.severity);
      if (filter.rule_id?.length) q = q.where("rule_id", "in", filter.rule_id);
      if (filter.source?.length) q = q.where("source", "in", filter.source);
      if (filter.incident_id) q = q.where("incident_id", "=", filter.incident_id);
      // Acknowledged alerts stay in the queue until someone decides (a `status=open` hides them).
      if (filter.triage)
        q = q.where("status", "in", ["open", "acknowledged"]).where("incident_id", "is", null);
      if (filter.visibleTo !== undefined)
        q = q.where(notInHiddenIncident(filter.visibleTo, "alerts.incident_id"));
      if (filter.q) q = whereContainsText(q, filter.q, ["title", "dedup_key", "host", "username"]);
      return newestFirstPage(q, "alerts", limit, cursor, alertFromRow);
    },

    async update(id, patch, now, onlyIf) {
      // Its next sighting is written at once: it may reopen, or open a new alert once resolved.
      repeats.live.forget(id);
      let q = k
        .updateTable("alerts")
        .set({ ...patch, updated_at: now })
        .where("id", "=", id);
      if (onlyIf?.length) q = q.where("status", "in", onlyIf);
      const res = await q.executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },

    async attach(ids, incidentId, now) {
      if (ids.length === 0) return;
      await k
        .updateTable("alerts")
        .set({ incident_id: incidentId, updated_at: now })
        .where("id", "in", ids)
        .execute();
    },

    async undeclaredSince(since) {
      const rows = await k
        .selectFrom("alerts")
        .selectAll()
        .where("status", "in", ["open", "acknowledged"])
        .where("incident_id", "is", null)
        .where("last_seen", ">=", since)
        .orderBy("last_seen")
        .execute();
      return rows.map(alertFromRow);
    },

    async openIncidentFor({ host, user, ip, exerciseRunId }) {
      if (!host && !user && !ip) return null;
      let q = k
        .selectFrom("alerts")
        .innerJoin("incidents", "incidents.id", "alerts.incident_id")
        .select("incidents.id")
        .where("incidents.phase", "not in", END_STATES)
        .where("incidents.exercise", "=", exerciseRunId ? 1 : 0);
      // An exercise's alerts join only incidents holding alerts of the same run.
      if (exerciseRunId) q = q.where("alerts.scope", "=", exerciseScope(exerciseRunId));
      const row = await q
        .where((eb) =>
          eb.or([
            ...(host ? [eb("alerts.host", "=", host)] : []),
            ...(user ? [eb("alerts.username", "=", user)] : []),
            ...(ip ? [eb("alerts.source_ip", "=", ip)] : []),
          ]),
        )
        .orderBy("incidents.declared_at", "desc")
        .limit(1)
        .executeTakeFirst();
      return row?.id ?? null;
    },
  };
}

/** Suppression rules over Kysely (both dialects). */
export function suppressionRepo(db: Db): SuppressionStore {
  const k: Kysely<Database> = db.kysely;
  const fromRow = (r: SuppressionsTable): Suppression => ({
    ...r,
    matcher: JSON.parse(r.matcher) as SuppressionMatcher,
  });
  return {
    async create(s) {
      await k
        .insertInto("suppressions")
        .values({ ...s, matcher: JSON.stringify(s.matcher) })
        .execute();
    },
    async active(at) {
      const rows = await k
        .selectFrom("suppressions")
        .selectAll()
        .where((eb) => eb.or([eb("starts_at", "is", null), eb("starts_at", "<=", at)]))
        .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", at)]))
        .execute();
      return rows.map(fromRow);
    },
    async list() {
      const rows = await k.selectFrom("suppressions").selectAll().orderBy("created_at").execute();
      return rows.map(fromRow);
    },
    async delete(id) {
      const res = await k.deleteFrom("suppressions").where("id", "=", id).executeTakeFirst();
      return Number(res.numDeletedRows) > 0;
    },
  };
}

/** Every store detection needs, over one database. */
export function detectionStores(db: Db): DetectionStores {
  // Counts and last sightings are read only once the repeats journaled here are counted.
  const repeats = new RepeatJournal(db);
  return {
    events: eventRepo(db, repeats),
    alerts: alertRepo(db, repeats),
    integrations: integrationRepo(db),
    suppressions: suppressionRepo(db),
    cluster: clusterRepo(db),
  };
}
