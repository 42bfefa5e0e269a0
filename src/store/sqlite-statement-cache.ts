import type { Database, Statement } from "better-sqlite3";
import type { SqliteDatabase } from "kysely";

/** Distinct statements kept: the queries the app runs, with room for `in (…)` lists of many sizes. */
export const STATEMENT_CACHE_SIZE = 1000;

/**
 * The database as Kysely's SQLite driver sees it, preparing each SQL text once: the driver asks
 * for a new statement for every query, and compiling the same SQL again took an eighth of the
 * CPU of ingestion. Statements are kept by their exact text, least recently used out first; a
 * statement still being iterated (a streamed query) is not handed out twice, as better-sqlite3
 * refuses to run a busy one. A statement's `reader` flag comes with its text, so it stays right.
 */
export function cachingStatements(db: Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    close: () => {
      cache.clear();
      db.close();
    },
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Map keeps insertion order: re-inserting makes this the most recently used.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const stmt = db.prepare(sql);
      if (cached) return stmt;
      cache.set(sql, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
      return stmt;
    },
  };
}
