/**
 * Every table Firebreak keeps, as Kysely sees it. Conventions that keep one code path for SQLite
 * and PostgreSQL: ids are text, times are ISO 8601 UTC text (they sort as strings), JSON is text,
 * booleans are 0/1 integers.
 */
export interface Database {
  documents: DocumentsTable;
}

/** Every version of every plan and procedure ever loaded; never updated, never deleted. */
export interface DocumentsTable {
  id: string;
  kind: string;
  doc_id: string;
  /** 1, 2, 3… per (kind, doc_id), in the order versions were stored. */
  version_number: number;
  /** SHA-256 of the canonical JSON of the validated body. */
  hash: string;
  /** The author's own version label from the document. */
  label: string;
  title: string;
  source: string;
  body: string;
  /** Where it came from: a file path, or `upload`. */
  origin: string;
  created_at: string;
  created_by: string;
}
