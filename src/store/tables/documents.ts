export interface DocumentTables {
  documents: DocumentsTable;
  document_states: DocumentStatesTable;
}

/**
 * Which version of a document is in force, as an append-only history per document: the row with
 * the highest `n` is where the document stands (see migrations/0012-document-approval.ts).
 */
export interface DocumentStatesTable {
  kind: string;
  doc_id: string;
  n: number;
  /** The version in force from `at` on; null when the document was retired. */
  version_number: number | null;
  hash: string | null;
  /** in_force or retired. */
  state: string;
  at: string;
  set_by: string;
  /** first load, approval (the round's id), or the reason given for retiring. */
  reason: string;
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
