import { join } from "node:path";
import type { EvidenceBlobStore } from "../response/evidence-file.types.js";
import type { Db } from "./connect.js";
import { fileBlobStore } from "./evidence-blob-fs.js";
import { postgresBlobStore } from "./evidence-blob-pg.js";

/**
 * Where evidence files go: into PostgreSQL when the server runs on it (every node on the
 * database sees every file), else into `evidence/` in the data folder beside the embedded
 * database.
 */
export function evidenceBlobStore(db: Db, dataDir: string): EvidenceBlobStore {
  return db.dialect === "postgres"
    ? postgresBlobStore(db)
    : fileBlobStore(join(dataDir, "evidence"));
}
