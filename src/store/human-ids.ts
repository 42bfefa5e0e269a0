import { type ExpressionBuilder, type Kysely, type Selectable, sql } from "kysely";
import type { Database } from "./database.js";

/** The tables whose rows carry a human id (INC-2026-0042) beside their uuid. */
type HumanIdTable = "incidents" | "problems" | "rcas" | "action_items" | "exercise_runs";

/**
 * The next human id for `prefix` in `year` (INC-2026-0042), from the `counters` table: one
 * upsert, so two writers never receive the same number on either database.
 */
export async function nextHumanId(
  k: Kysely<Database>,
  prefix: string,
  year: number,
): Promise<string> {
  const name = `${prefix}-${year}`;
  const row = await k
    .insertInto("counters")
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column("name").doUpdateSet({ value: sql`counters.value + 1` }))
    .returning("value")
    .executeTakeFirstOrThrow();
  return `${name}-${String(row.value).padStart(4, "0")}`;
}

/** Matches the row a person named by its id or by its human id, in any letter case. */
export function idOrHumanId(ref: string) {
  return (eb: ExpressionBuilder<Database, HumanIdTable>) =>
    eb.or([eb("id", "=", ref), eb("human_id", "=", ref.toUpperCase())]);
}

/** The row of `table` a person named by its id or by its human id, if there is one. */
export async function findByRef<T extends HumanIdTable>(
  k: Kysely<Database>,
  table: T,
  ref: string,
): Promise<Selectable<Database[T]> | undefined> {
  const row = await k
    .selectFrom(table as HumanIdTable)
    .selectAll()
    .where(idOrHumanId(ref))
    .executeTakeFirst();
  // Kysely types a query over a union of tables with the union of their rows; it read `table`.
  return row as Selectable<Database[T]> | undefined;
}
