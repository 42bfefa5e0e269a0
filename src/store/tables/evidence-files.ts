/**
 * Evidence files kept in PostgreSQL (migrations/0022-evidence-files.ts); SQLite has no such
 * tables, its files live in the data folder (store/evidence-blob-fs.ts).
 */
export interface EvidenceFileTables {
  evidence_blobs: EvidenceBlobsTable;
  evidence_blob_chunks: EvidenceBlobChunksTable;
}

/** One kept file: its SHA-256, the id its chunks carry, and its size. */
export interface EvidenceBlobsTable {
  sha256: string;
  blob_id: string;
  /** bigint: pg reads it as text. */
  size: number | string;
  created_at: string;
}

/** The `idx`-th MiB of a file's bytes. */
export interface EvidenceBlobChunksTable {
  blob_id: string;
  idx: number;
  data: Buffer;
}
