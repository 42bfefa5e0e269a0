import { CompiledQuery, type Kysely } from "kysely";
import type {
  Alert,
  AlertEntities,
  AlertSighting,
  EventStore,
  StoredEvent,
} from "../detection/alert.types.js";
import { clean, foldByKey, sightingResults, wellFormed, writeAlerts } from "./alert.rows.js";
import { journalRepeats, type RepeatJournal } from "./alert-repeats.js";
import type { Db } from "./connect.js";
import type { Database } from "./database.js";
import { multiRowInsertSql } from "./multi-row-insert.sql.js";
import type { EventsTable } from "./tables/detection.js";

/** A batch this big is bulk ingestion (`Db.writingInBulk`); a few events are not. */
const BULK_EVENTS = 64;

/** 14 parameters a row: 500 rows stay far below SQLite's and PostgreSQL's limits. */
const EVENT_CHUNK = 500;

const COLUMNS = [
  "id",
  "received_at",
  "time",
  "time_source",
  "source",
  "integration_id",
  "host",
  "username",
  "source_ip",
  "destination_ip",
  "process_image",
  "process_pid",
  "command_line",
  "raw",
] as const satisfies readonly (keyof EventsTable)[];

function eventToRow(e: StoredEvent): EventsTable {
  const en = e.entities;
  const pid = en.process?.pid;
  return {
    id: e.id,
    received_at: e.received_at,
    time: e.time,
    time_source: e.time_source,
    source: clean(e.source),
    integration_id: e.integration_id,
    host: clean(en.host),
    username: clean(en.user),
    source_ip: clean(en.source_ip),
    destination_ip: clean(en.destination_ip),
    process_image: clean(en.process?.image),
    process_pid: pid === undefined ? null : clean(String(pid)),
    command_line: clean(en.process?.command_line),
    // The reader's own text of the event when it has it: serialising it again costs as much as
    // the insert.
    raw: e.raw_text ?? JSON.stringify(e.raw),
  };
}

async function insertEvents(tx: Kysely<Database>, dialect: Db["dialect"], events: StoredEvent[]) {
  for (let i = 0; i < events.length; i += EVENT_CHUNK) {
    const chunk = events.slice(i, i + EVENT_CHUNK);
    const params: unknown[] = [];
    for (const e of chunk) {
      const row = eventToRow(e);
      for (const c of COLUMNS) params.push(row[c]);
    }
    await tx.executeQuery(
      CompiledQuery.raw(multiRowInsertSql(dialect, "events", COLUMNS, chunk.length), params),
    );
  }
}

function eventFromRow(r: EventsTable): StoredEvent {
  const entities: AlertEntities = {};
  if (r.host !== null) entities.host = r.host;
  if (r.username !== null) entities.user = r.username;
  if (r.source_ip !== null) entities.source_ip = r.source_ip;
  if (r.destination_ip !== null) entities.destination_ip = r.destination_ip;
  if (r.process_image !== null || r.process_pid !== null || r.command_line !== null)
    entities.process = {
      ...(r.process_image !== null ? { image: r.process_image } : {}),
      ...(r.process_pid !== null ? { pid: r.process_pid } : {}),
      ...(r.command_line !== null ? { command_line: r.command_line } : {}),
    };
  return {
    id: r.id,
    received_at: r.received_at,
    time: r.time,
    time_source: r.time_source === "arrival" ? "arrival" : "event",
    source: r.source,
    integration_id: r.integration_id,
    entities,
    raw: JSON.parse(r.raw),
  };
}

/**
 * Events over Kysely (both dialects); batches go in one transaction with their alerts, or with
 * the journal of their repeats of alerts known settled (`alert-repeats.ts`).
 */
export function eventRepo(db: Db, repeats: RepeatJournal): EventStore {
  const k: Kysely<Database> = db.kysely;
  const live = repeats.live;
  return {
    async storeBatch(events, sightings, now) {
      if (events.length >= BULK_EVENTS) db.writingInBulk();
      const keyed = wellFormed(sightings);
      const byKey = foldByKey(keyed);
      const deferred: { key: string; alert: Alert; sighting: AlertSighting }[] = [];
      const written: string[] = [];
      for (const [key, sighting] of byKey) {
        const alert = live.repeatOf(key, sighting);
        if (alert) deferred.push({ key, alert, sighting });
        else written.push(key);
      }
      const { alerts, created } = await k.transaction().execute(async (tx) => {
        await insertEvents(tx, db.dialect, events);
        if (deferred.length > 0) await journalRepeats(tx, deferred, now);
        return writeAlerts(tx, db.dialect, byKey, written, now);
      });
      // Only once committed: a batch rolled back must not leave its new alerts remembered.
      for (const key of written)
        live.remember(key, alerts.get(key) as Alert, byKey.get(key) as AlertSighting);
      if (deferred.length > 0) repeats.journaledOne();
      for (const { key, alert } of deferred) alerts.set(key, alert);
      return sightingResults(keyed, alerts, created);
    },

    get repeatsPending() {
      return repeats.pending;
    },

    flushRepeats: () => repeats.flush(),

    async forAlert(alertId, limit) {
      await repeats.settle();
      const rows = await k
        .selectFrom("alert_events")
        .innerJoin("events", "events.id", "alert_events.event_id")
        .selectAll("events")
        .where("alert_events.alert_id", "=", alertId)
        .orderBy("events.received_at", "desc")
        .orderBy("events.id", "desc")
        .limit(limit)
        .execute();
      const total = await k
        .selectFrom("alert_events")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("alert_id", "=", alertId)
        .executeTakeFirstOrThrow();
      return { items: rows.map(eventFromRow), total: Number(total.n) };
    },

    async purgeBefore(before, limit) {
      // The ids first (by the received_at index), then both deletes by id: neither dialect has a
      // portable DELETE … LIMIT, and the batch stays one short transaction.
      return k.transaction().execute(async (tx) => {
        const ids = (
          await tx
            .selectFrom("events")
            .select("id")
            .where("received_at", "<", before)
            .orderBy("received_at")
            .limit(limit)
            .execute()
        ).map((r) => r.id);
        if (ids.length === 0) return 0;
        await tx.deleteFrom("alert_events").where("event_id", "in", ids).execute();
        const res = await tx.deleteFrom("events").where("id", "in", ids).executeTakeFirst();
        return Number(res.numDeletedRows);
      });
    },
  };
}
