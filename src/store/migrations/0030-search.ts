import type { Kysely } from "kysely";
import { createSearchIndex, dropSearchIndex } from "./search-index.js";

/**
 * Full-text search across incidents (docs/search.md): the `search_documents` table, its FTS5
 * (SQLite) or tsvector/GIN (PostgreSQL) index, the triggers that keep it current, and the
 * documents of every incident already stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createSearchIndex(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropSearchIndex(db);
}
