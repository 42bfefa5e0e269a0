import { createHash } from "node:crypto";
import { newRowId } from "../domain/row-id.js";
import type { EvidenceBlobStore, StoredBlob } from "../response/evidence-file.types.js";
import type { Db } from "./connect.js";

/** Bytes per stored row: large enough to keep the row count low, small enough to hold in memory. */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Evidence files in PostgreSQL (migrations/0022-evidence-files.ts), for servers on a shared
 * database: every node reads what any node stored. An upload is one transaction: its chunks are
 * written under a fresh blob id as they arrive (one MiB in memory at a time), and the file is
 * named by its SHA-256 only once it is accepted; a refusal, an error or a lost connection rolls
 * every chunk back. A file already kept under the same digest wins and the new chunks go.
 */
export function postgresBlobStore(db: Db): EvidenceBlobStore {
  const k = db.kysely;

  return {
    put: (source, accept) =>
      k.transaction().execute(async (trx) => {
        const blobId = newRowId();
        const hash = createHash("sha256");
        let size = 0;
        let idx = 0;
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        const write = async (data: Buffer) => {
          await trx
            .insertInto("evidence_blob_chunks")
            .values({ blob_id: blobId, idx, data })
            .execute();
          idx += 1;
        };
        for await (const chunk of source) {
          hash.update(chunk);
          size += chunk.byteLength;
          pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          pendingBytes += chunk.byteLength;
          while (pendingBytes >= CHUNK_BYTES) {
            const all = Buffer.concat(pending);
            await write(all.subarray(0, CHUNK_BYTES));
            pending = [all.subarray(CHUNK_BYTES)];
            pendingBytes = all.length - CHUNK_BYTES;
          }
        }
        if (pendingBytes > 0) await write(Buffer.concat(pending));
        const stored: StoredBlob = { sha256: hash.digest("hex"), size };
        await accept(stored);
        const named = await trx
          .insertInto("evidence_blobs")
          .values({
            sha256: stored.sha256,
            blob_id: blobId,
            size,
            created_at: new Date().toISOString(),
          })
          .onConflict((oc) => oc.column("sha256").doNothing())
          .executeTakeFirst();
        if (Number(named.numInsertedOrUpdatedRows ?? 0) === 0)
          await trx.deleteFrom("evidence_blob_chunks").where("blob_id", "=", blobId).execute();
        return stored;
      }),

    async stat(sha256) {
      const row = await k
        .selectFrom("evidence_blobs")
        .select("size")
        .where("sha256", "=", sha256)
        .executeTakeFirst();
      return row ? { sha256, size: Number(row.size) } : null;
    },

    async *read(sha256) {
      const blob = await k
        .selectFrom("evidence_blobs")
        .select("blob_id")
        .where("sha256", "=", sha256)
        .executeTakeFirst();
      if (!blob) return;
      // One chunk per query, so a memory image never sits whole in memory. A missing chunk ends
      // the file early, and the reader's hash then tells it so.
      for (let idx = 0; ; idx++) {
        const row = await k
          .selectFrom("evidence_blob_chunks")
          .select("data")
          .where("blob_id", "=", blob.blob_id)
          .where("idx", "=", idx)
          .executeTakeFirst();
        if (!row) return;
        yield row.data;
      }
    },
  };
}
