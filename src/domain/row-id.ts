import { randomFillSync } from "node:crypto";

/** Random bytes drawn 10 KiB at a time: a call to the generator per id cost more than the id. */
const pool = Buffer.alloc(10 * 1024);
let at = pool.length;

/**
 * A new id for a stored row (an event, an incident, a task…): a UUID of version 7 (RFC 9562),
 * whose first 48 bits are the time in milliseconds and the other 74 random. Rows written together
 * get neighbouring ids, so a write lands on the same few pages of every index keyed by an id (or
 * by an incident's id, as tasks, timeline, jobs and search documents are), however much history
 * the table holds, and ids sort by arrival. Random (version 4) ids put each insert on a random
 * page: a batch of events rewrote most of the events' key index, and at 100,000 incidents one
 * declaration dirtied 94 pages against 14 with these (docs/performance.md, "Scale"; ADR 0005).
 * The time in an id says no more than the row's own timestamps, shown to whoever may see the row.
 */
export function newRowId(now: number = Date.now()): string {
  if (at + 10 > pool.length) {
    randomFillSync(pool);
    at = 0;
  }
  const b = Buffer.alloc(16);
  b.writeUIntBE(now, 0, 6);
  pool.copy(b, 6, at, at + 10);
  at += 10;
  b[6] = ((b[6] as number) & 0x0f) | 0x70; // version 7
  b[8] = ((b[8] as number) & 0x3f) | 0x80; // the RFC's variant
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Characters of an id shown in short (`#1a2b3c4d` in the CLI's lines). */
const SHORT = 8;

/**
 * A row id in short, as the CLI prints it: its last characters, which are random. The first ones
 * are the time, the same for rows made together (a checklist's tasks).
 */
export function shortRowId(id: string): string {
  return id.slice(-SHORT);
}

/** Whether `ref` names the row `id`: the whole id, or its end as `shortRowId` prints it or longer. */
export function refersToRow(id: string, ref: string): boolean {
  return id === ref || (ref.length >= SHORT && id.endsWith(ref));
}
