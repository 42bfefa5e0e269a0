import type { Kysely, UpdateObject } from "kysely";
import type { Database } from "./database.js";

/** The tables written with optimistic concurrency: every change bumps `version`. */
type VersionedTable = "action_items" | "problems" | "rcas" | "lessons";

/**
 * Writes `row` over the stored row with its id and the next version, only if the stored version
 * is still `expectedVersion`; false when someone else changed it first (the caller answers 409).
 */
export async function updateAtVersion<T extends VersionedTable>(
  k: Kysely<Database>,
  table: T,
  row: UpdateObject<Database, T> & { id: string; version: number },
  expectedVersion: number,
): Promise<boolean> {
  const { id, version: _stale, ...changes } = row;
  const res = await k
    .updateTable(table as VersionedTable)
    .set({ ...changes, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
