import { type Kysely, PostgresAdapter, sql } from "kysely";
import type { Database } from "./database.js";

/** The PostgreSQL channel every node LISTENs on for new timeline entries (server/timeline-listener.ts). */
export const TIMELINE_CHANNEL = "firebreak_timeline";

/** What a timeline notification carries: the incident and the sequence number of its newest entry. */
export interface TimelineNotice {
  incident_id: string;
  seq: number;
}

/**
 * Tells every node on a PostgreSQL database that an incident's timeline grew, so their live
 * views read it at once. Runs in the transaction that appended: PostgreSQL delivers the
 * notification on commit, and never for a rollback. Nothing on SQLite (one process).
 */
export async function notifyTimeline(tx: Kysely<Database>, notice: TimelineNotice): Promise<void> {
  if (!(tx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select pg_notify(${TIMELINE_CHANNEL}, ${JSON.stringify(notice)})`.execute(tx);
}

/** Reads a notification's payload; undefined for anything else on the channel. */
export function readTimelineNotice(payload: string | undefined): TimelineNotice | undefined {
  try {
    const v = JSON.parse(payload ?? "") as Partial<TimelineNotice>;
    return typeof v.incident_id === "string" && typeof v.seq === "number"
      ? { incident_id: v.incident_id, seq: v.seq }
      : undefined;
  } catch {
    return undefined;
  }
}
