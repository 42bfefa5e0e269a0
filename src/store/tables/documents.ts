export interface DocumentTables {
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
