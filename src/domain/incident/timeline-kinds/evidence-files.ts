import { z } from "zod";

/**
 * Evidence files (docs/evidence.md): a file stored for an evidence record, and every download of
 * one. The downloads are the file's custody record (who, when, why): kept here, in the
 * hash-chained timeline the database refuses to change, rather than in a table one could edit.
 */

const file = {
  evidence_id: z.string(),
  name: z.string(),
  sha256: z.string(),
  size: z.number(),
};

export const EVIDENCE_FILE_PAYLOADS = {
  /** A file was uploaded to an evidence record created without one. */
  "evidence.file_stored": z.object(file),
  /** Someone took a copy; the entry's actor is who, its time when. */
  "evidence.downloaded": z.object({ ...file, reason: z.string() }),
  /** A download was refused: the stored bytes no longer hash to the record's SHA-256. */
  "evidence.integrity_failed": z.object({ ...file, found_sha256: z.string() }),
};
