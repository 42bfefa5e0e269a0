import { type Kysely, sql } from "kysely";
import { isPostgres } from "./append-only-guard.js";
import { SQLITE_FTS_TABLE, sqliteSearchTriggers } from "./search-index.js";

/**
 * Search at 100,000 incidents (issue 19, docs/search.md "Cost"):
 *
 * - SQLite: the FTS5 table gains the incident's id as a column, so that a search can ask FTS5
 *   for the matches within some incidents (a page's passages, the incidents a rare filter keeps)
 *   instead of walking every match of a common word. Databases migrated by 0030 before it
 *   created that column get the table again, rebuilt from `search_documents`.
 * - Both: an index on the indicator tag, so that the incidents carrying a rare tag are found
 *   from the tag rather than by asking every incident; and one on the indicator's incident, which
 *   a search's tag filter asks of each incident it meets (and an incident's indicator list
 *   needs): without it, every question was a pass over every indicator.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) {
    const { rows } = await sql<{
      name: string;
    }>`select name from pragma_table_info('search_fts')`.execute(db);
    if (!rows.some((r) => r.name === "incident_id")) {
      for (const trigger of ["insert", "delete", "update"])
        await sql.raw(`drop trigger search_documents_${trigger}`).execute(db);
      await sql`drop table search_fts`.execute(db);
      await sql.raw(SQLITE_FTS_TABLE).execute(db);
      await sql`insert into search_fts (search_fts) values ('rebuild')`.execute(db);
      for (const statement of sqliteSearchTriggers().filter((s) =>
        s.includes("on search_documents"),
      ))
        await sql.raw(statement).execute(db);
    }
  }
  await db.schema
    .createIndex("indicator_tags_tag")
    .on("indicator_tags")
    .columns(["tag", "indicator_id"])
    .execute();
  await db.schema
    .createIndex("indicators_by_incident")
    .on("indicators")
    .column("incident_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("indicators_by_incident").execute();
  await db.schema.dropIndex("indicator_tags_tag").execute();
}
