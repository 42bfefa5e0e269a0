import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import type { EvidenceBlobStore, StoredBlob } from "../response/evidence-file.types.js";

/** fsync, so that a file (or a folder's new entry) survives a power cut once we say it is kept. */
async function sync(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Evidence files in a folder (the embedded database's data folder): `sha256/ab/cdef…` by digest.
 * A file is written to `tmp/` while it is hashed, fsync'd, and renamed into place only once
 * accepted, so a kept path always holds complete bytes and a refused upload leaves nothing.
 */
export function fileBlobStore(root: string): EvidenceBlobStore {
  const pathOf = (sha256: string) => join(root, "sha256", sha256.slice(0, 2), sha256.slice(2));

  return {
    async put(source, accept) {
      const tmpDir = join(root, "tmp");
      await mkdir(tmpDir, { recursive: true });
      const tmp = join(tmpDir, randomUUID());
      try {
        const hash = createHash("sha256");
        let size = 0;
        await pipeline(
          source,
          async function* (chunks: AsyncIterable<Uint8Array>) {
            for await (const chunk of chunks) {
              hash.update(chunk);
              size += chunk.byteLength;
              yield chunk;
            }
          },
          createWriteStream(tmp, { flags: "wx" }),
        );
        await sync(tmp);
        const stored: StoredBlob = { sha256: hash.digest("hex"), size };
        await accept(stored);
        const target = pathOf(stored.sha256);
        if (await exists(target)) return stored;
        await mkdir(dirname(target), { recursive: true });
        await rename(tmp, target);
        await sync(dirname(target));
        return stored;
      } finally {
        await rm(tmp, { force: true });
      }
    },

    async stat(sha256) {
      try {
        return { sha256, size: (await stat(pathOf(sha256))).size };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
    },

    read: (sha256) => createReadStream(pathOf(sha256)),
  };
}
