import type { CreateTableBuilder, Kysely } from "kysely";

/**
 * A table from a column list, for migrations: a type ending in `?` may be null, every other
 * column is `not null`. Only the portable types (see docs/adr/0002-portable-columns.md).
 */
export function table(
  db: Kysely<unknown>,
  name: string,
  columns: Record<string, "text" | "integer" | "text?" | "integer?">,
): CreateTableBuilder<string, string> {
  let t = db.schema.createTable(name) as CreateTableBuilder<string, string>;
  for (const [column, type] of Object.entries(columns)) {
    const base = type.replace("?", "") as "text" | "integer";
    t = type.endsWith("?")
      ? t.addColumn(column, base)
      : t.addColumn(column, base, (c) => c.notNull());
  }
  return t;
}
