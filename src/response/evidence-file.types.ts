import type { ResponseDeps } from "./deps.js";

/**
 * Where the bytes of evidence files live: content-addressed by SHA-256, so one file uploaded to
 * two evidence records is kept once, and a record's `sha256` is the key of its file. Implemented
 * in `store/evidence-blob-*.ts` (a folder under the data folder; PostgreSQL chunks when the
 * server runs on PostgreSQL, so that every node sees every file).
 */
export interface EvidenceBlobStore {
  /**
   * Writes `source` aside while hashing it, durably, without anything becoming visible; then
   * calls `accept` with the digest and size. If `source` or `accept` throws, nothing is kept and
   * the error is rethrown; otherwise the bytes are kept under their SHA-256 (a file already kept
   * under it stays as it is).
   */
  put(
    source: AsyncIterable<Uint8Array>,
    accept: (stored: StoredBlob) => void | Promise<void>,
  ): Promise<StoredBlob>;
  /** The size of the file kept under `sha256`, or null when none is. */
  stat(sha256: string): Promise<StoredBlob | null>;
  /** The bytes kept under `sha256`, as stored (they are not checked here: callers hash them). */
  read(sha256: string): AsyncIterable<Uint8Array>;
}

/** A kept file: its SHA-256 (lower-case hexadecimal) and size in bytes. */
export interface StoredBlob {
  sha256: string;
  size: number;
}

/** What evidence files need: where their bytes go, and the largest file accepted. */
export interface EvidenceFiles {
  blobs: EvidenceBlobStore;
  /** Bytes (config `evidenceMaxBytes`, FIREBREAK_EVIDENCE_MAX_BYTES). */
  maxBytes: number;
}

/** What the evidence use cases take: the response stores, and the files. */
export interface EvidenceFileDeps extends ResponseDeps {
  evidenceFiles: EvidenceFiles;
}
