import { DomainError } from "./errors.js";

/**
 * The list cursors, encoded and decoded in one place. A cursor is the sort key of the last item
 * of the previous page: `"<ISO timestamp>|<id>"` for the lists ordered by a time (incidents,
 * alerts, problems), or the entry's sequence number for the audit log. Clients are meant to pass
 * `next_cursor` back unchanged; anything else — random text, another list's cursor, base64 of
 * some JSON — used to compare as a string and answer a silently wrong page, so it is refused with
 * a 400 that names the cursor.
 */

/** A keyset position: the last item's sort timestamp and its id (the tie-breaker). */
export interface KeysetCursor {
  at: string;
  id: string;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
/** UUIDs and human ids (`INC-2026-0001`, `PRB-…`): no separator, no control characters. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const SEQ = /^[1-9]\d{0,14}$/;

const invalidCursor = (raw: string) =>
  new DomainError(
    "invalid_input",
    "cursor is not one this list gave out: pass the previous page's next_cursor unchanged, or leave cursor out for the first page",
    [{ path: "cursor", message: `not a cursor of this list: ${JSON.stringify(raw.slice(0, 80))}` }],
  );

export function encodeKeysetCursor(at: string, id: string): string {
  return `${at}|${id}`;
}

/** The position `raw` names; throws `invalid_input` (path `cursor`) for anything not encoded here. */
export function decodeKeysetCursor(raw: string): KeysetCursor {
  const parts = raw.split("|");
  const [at = "", id = ""] = parts;
  if (parts.length !== 2 || !TIMESTAMP.test(at) || Number.isNaN(Date.parse(at)) || !ID.test(id))
    throw invalidCursor(raw);
  return { at, id };
}

export function encodeSeqCursor(seq: number): string {
  return String(seq);
}

/** The audit sequence number `raw` names; throws `invalid_input` (path `cursor`) otherwise. */
export function decodeSeqCursor(raw: string): number {
  if (!SEQ.test(raw)) throw invalidCursor(raw);
  return Number(raw);
}
