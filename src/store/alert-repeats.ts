import { CompiledQuery, type Kysely, sql } from "kysely";
import type { Alert, AlertSighting } from "../detection/alert.types.js";
import { newRowId } from "../domain/row-id.js";
import { linkEvents } from "./alert.rows.js";
import type { Db, DialectName } from "./connect.js";
import type { Database } from "./database.js";
import { LiveAlerts } from "./live-alerts.js";
import { valueRows } from "./multi-row-insert.sql.js";

/**
 * Repeats of settled alerts (`live-alerts.ts`), deferred: a batch journals them in its own
 * transaction, and a flush counts many batches' at once. Under continuous ingest nearly every
 * sighting repeats an alert already attached to an incident, and writing each alert row and its
 * links batch after batch rewrote a database page per alert per batch (2,200 pages of WAL per
 * 1,000 attack events, nine tenths of them alerts and their links): a flush writes each once.
 * The journal is in the database, so a crash loses no repeat: the next flush, by any process on
 * the database, counts what was journaled. Taking a journal row and counting it are one
 * transaction, so each is counted once. See docs/detection.md "Repeats".
 */

/** One alert's repeats in a batch: alert id, count, first seen, last seen, event ids. */
type JournalEntry = [string, number, string, string, string[]];

/** Journal rows counted per transaction: a flush after a long stall stays a series of small ones. */
const FLUSH_ROWS = 100;
/** 5 parameters a row. */
const COUNT_CHUNK = 5000;

/**
 * One process's side of the journal: the alerts it knows settled (`live`), whether it journaled
 * repeats no flush has taken yet, and its flushes, one after the other.
 */
export class RepeatJournal {
  readonly live = new LiveAlerts();
  private journaled = false;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {}

  /** Whether this process journaled repeats that no flush has counted yet. */
  get pending(): boolean {
    return this.journaled;
  }

  /** A batch that journaled repeats has committed. */
  journaledOne(): void {
    this.journaled = true;
  }

  /** Counts every journaled repeat (`flushRepeats`), after any flush already running. */
  async flush(): Promise<void> {
    // Cleared first: a batch journaling while the flush runs sets it again.
    this.journaled = false;
    const run = this.flushing.then(() => flushRepeats(this.db.kysely, this.db.dialect, this.live));
    this.flushing = run.catch(() => undefined);
    try {
      await run;
    } catch (e) {
      this.journaled = true;
      throw e;
    }
  }

  /**
   * Before reading alerts: what this process journaled is counted, and no flush is half done. A
   * flush that fails does not fail the read: the journal stays for the next flush, and the read
   * answers the counts as stored.
   */
  async settle(): Promise<void> {
    if (this.journaled) await this.flush().catch(() => undefined);
    else await this.flushing;
  }
}

/** Journals a batch's repeats (in the batch's transaction). */
export async function journalRepeats(
  k: Kysely<Database>,
  repeats: { alert: Alert; sighting: AlertSighting }[],
  now: string,
): Promise<void> {
  const entries: JournalEntry[] = repeats.map(({ alert, sighting: s }) => [
    alert.id,
    s.count,
    s.first_seen,
    s.last_seen,
    [...new Set(s.event_ids)],
  ]);
  await k
    .insertInto("alert_repeats")
    .values({ id: newRowId(), written_at: now, body: JSON.stringify(entries) })
    .execute();
}

/** What a flush adds to one alert. */
interface Tally {
  count: number;
  firstSeen: string;
  lastSeen: string;
  at: string;
  events: Set<string>;
}

/** Counts every journaled repeat into its alert, a transaction per `FLUSH_ROWS` journal rows. */
async function flushRepeats(
  k: Kysely<Database>,
  dialect: DialectName,
  live: LiveAlerts,
): Promise<void> {
  for (;;) {
    const taken = await k.transaction().execute(async (tx) => {
      const rows = await tx
        .deleteFrom("alert_repeats")
        .where("id", "in", (eb) =>
          eb.selectFrom("alert_repeats").select("id").orderBy("id").limit(FLUSH_ROWS),
        )
        .returning(["written_at", "body"])
        .execute();
      if (rows.length > 0) await countRepeats(tx, dialect, live, tallies(rows));
      return rows.length;
    });
    if (taken < FLUSH_ROWS) return;
  }
}

/** The journal rows folded per alert. */
function tallies(rows: { written_at: string; body: string }[]): Map<string, Tally> {
  const byAlert = new Map<string, Tally>();
  for (const row of rows)
    for (const [id, count, firstSeen, lastSeen, events] of JSON.parse(row.body) as JournalEntry[]) {
      const t = byAlert.get(id);
      if (!t) {
        byAlert.set(id, {
          count,
          firstSeen,
          lastSeen,
          at: row.written_at,
          events: new Set(events),
        });
        continue;
      }
      t.count += count;
      if (firstSeen < t.firstSeen) t.firstSeen = firstSeen;
      if (lastSeen > t.lastSeen) t.lastSeen = lastSeen;
      if (row.written_at > t.at) t.at = row.written_at;
      for (const e of events) t.events.add(e);
    }
  return byAlert;
}

/**
 * Adds the tallies to their alerts, whatever their status now (the repeats came while they were
 * settled), links the events, and forgets the alerts no longer settled, so that their next
 * sighting is written at once. An alert that is gone takes its repeats with it.
 */
async function countRepeats(
  tx: Kysely<Database>,
  dialect: DialectName,
  live: LiveAlerts,
  byAlert: Map<string, Tally>,
): Promise<void> {
  const ids = [...byAlert.keys()];
  // Row locks in the order batches' upserts take them (by key: `alert.rows.ts`), so that a flush
  // and a batch on PostgreSQL cannot each hold what the other waits for. The ids go as one array
  // parameter: a flush may hold more alerts than a statement has parameters (65,535).
  if (dialect === "postgres")
    await tx
      .selectFrom("alerts")
      .select("id")
      .where(sql<boolean>`id = any(${ids}::text[])`)
      .orderBy(sql`scope collate "C"`)
      .orderBy(sql`dedup_key collate "C"`)
      .forUpdate()
      .execute();
  const links: string[] = [];
  for (let i = 0; i < ids.length; i += COUNT_CHUNK) {
    const chunk = ids.slice(i, i + COUNT_CHUNK);
    const params: unknown[] = [];
    for (const id of chunk) {
      const t = byAlert.get(id) as Tally;
      params.push(id, t.count, t.firstSeen, t.lastSeen, t.at);
    }
    const res = await tx.executeQuery<
      Pick<Alert, "id" | "status" | "incident_id" | "suppressed_until">
    >(CompiledQuery.raw(countSql(dialect, chunk.length), params));
    for (const row of res.rows) {
      live.recheck(row);
      for (const e of (byAlert.get(row.id) as Tally).events) links.push(row.id, e);
    }
  }
  await linkEvents(tx, dialect, links);
}

const countTexts = new Map<string, string>();
/** The statement adding `rows` tallies to their alerts (the same text on both databases). */
function countSql(dialect: DialectName, rows: number): string {
  const key = `${dialect}\0${rows}`;
  let text = countTexts.get(key);
  if (!text) {
    text = `with v (alert_id, n, seen_first, seen_last, at) as (values ${valueRows(dialect, 5, rows)})
update alerts set
 count = alerts.count + cast(v.n as integer),
 first_seen = case when v.seen_first < alerts.first_seen then v.seen_first else alerts.first_seen end,
 last_seen = case when v.seen_last > alerts.last_seen then v.seen_last else alerts.last_seen end,
 updated_at = case when v.at > alerts.updated_at then v.at else alerts.updated_at end
from v where alerts.id = v.alert_id
returning id, status, incident_id, suppressed_until`;
    countTexts.set(key, text);
  }
  return text;
}
