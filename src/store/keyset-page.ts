import type { SelectQueryBuilder } from "kysely";
import { decodeKeysetCursor, encodeKeysetCursor } from "../domain/cursor.js";
import type { Database } from "./database.js";

/** The lists paged by a keyset cursor, and how each is ordered: newest first by `at`, ties by `id`. */
const ORDER = {
  incidents: { at: "declared_at", id: "human_id" },
  problems: { at: "opened_at", id: "id" },
  alerts: { at: "last_seen", id: "id" },
  change_events: { at: "timestamp", id: "id" },
} as const;

type PagedTable = keyof typeof ORDER;

/** One page of a keyset-paged list and the cursor of the next (null on the last page). */
export interface KeysetPage<Item> {
  items: Item[];
  next_cursor: string | null;
}

/**
 * The page of `table`'s rows selected by `q` that follows `cursor` (the first page without one),
 * at most `limit` of them. The cursor is the last item's "at|id", so pages never overlap even
 * when rows arrive between two requests.
 */
export async function newestFirstPage<
  T extends PagedTable,
  Row extends Record<string, unknown>,
  Item,
>(
  q: SelectQueryBuilder<Database, T, Row>,
  table: NoInfer<T>,
  limit: number,
  cursor: string | undefined,
  fromRow: (row: Row) => Item,
): Promise<KeysetPage<Item>> {
  const { at, id } = ORDER[table];
  let paged: SelectQueryBuilder<Database, PagedTable, Row> = q;
  if (cursor) {
    const after = decodeKeysetCursor(cursor);
    paged = paged.where((eb) =>
      eb.or([eb(at, "<", after.at), eb.and([eb(at, "=", after.at), eb(id, "<", after.id)])]),
    );
  }
  const rows = await paged
    .orderBy(at, "desc")
    .orderBy(id, "desc")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(fromRow),
    next_cursor:
      rows.length > limit && last ? encodeKeysetCursor(String(last[at]), String(last[id])) : null,
  };
}
