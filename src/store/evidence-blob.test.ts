import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import type { EvidenceBlobStore } from "../response/evidence-file.types.js";
import type { Db } from "./connect.js";
import { evidenceBlobStore } from "./evidence-blob.js";
import { CHUNK_BYTES } from "./evidence-blob-pg.js";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** `bytes` in pieces of odd sizes, as a network delivers them. */
async function* pieces(bytes: Uint8Array, size = 64 * 1024 + 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of source) parts.push(Buffer.from(p));
  return Buffer.concat(parts);
}

describe.each(TEST_DIALECTS)("evidence blob store on $name", (dialect) => {
  let db: Db;
  let dataDir: string;
  let blobs: EvidenceBlobStore;
  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    db = await dialect.open();
    dataDir = mkdtempSync(join(tmpdir(), "firebreak-blobs-"));
    blobs = evidenceBlobStore(db, dataDir);
  });
  afterEach(async () => {
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Every trace a file could leave: files in the data folder, rows in PostgreSQL. */
  async function traces(): Promise<number> {
    const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((f) =>
      f.isFile(),
    ).length;
    if (dialect.name !== "postgres") return files;
    const rows = await db.kysely
      .selectFrom("evidence_blob_chunks")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    return files + Number(rows.n);
  }

  it("keeps a file of several chunks under its SHA-256 and reads it back byte for byte", async () => {
    const bytes = randomBytes(2 * CHUNK_BYTES + 12345);
    const seen: unknown[] = [];
    const stored = await blobs.put(pieces(bytes), (s) => {
      seen.push(s);
    });
    expect(stored).toEqual({ sha256: sha(bytes), size: bytes.length });
    expect(seen).toEqual([stored]);
    expect(await blobs.stat(sha(bytes))).toEqual(stored);
    expect((await readAll(blobs.read(sha(bytes)))).equals(bytes)).toBe(true);
    expect(await blobs.stat("0".repeat(64))).toBeNull();
  });

  it("keeps an empty file", async () => {
    const stored = await blobs.put(pieces(new Uint8Array(0)), () => {});
    expect(stored.size).toBe(0);
    expect(await blobs.stat(stored.sha256)).toEqual(stored);
    expect((await readAll(blobs.read(stored.sha256))).length).toBe(0);
  });

  it("keeps nothing when the upload is refused once hashed, or fails on the way", async () => {
    const bytes = randomBytes(CHUNK_BYTES + 10);
    await expect(
      blobs.put(pieces(bytes), () => {
        throw new Error("not the recorded file");
      }),
    ).rejects.toThrow("not the recorded file");
    async function* broken() {
      yield bytes.subarray(0, 1000);
      throw new Error("connection lost");
    }
    await expect(blobs.put(broken(), () => {})).rejects.toThrow("connection lost");
    expect(await blobs.stat(sha(bytes))).toBeNull();
    expect(await traces()).toBe(0);
  });

  it("keeps one copy of a file uploaded twice", async () => {
    const bytes = randomBytes(CHUNK_BYTES + 1);
    await blobs.put(pieces(bytes), () => {});
    const before = await traces();
    expect(await blobs.put(pieces(bytes, 4096), () => {})).toEqual({
      sha256: sha(bytes),
      size: bytes.length,
    });
    expect(await traces()).toBe(before);
    expect((await readAll(blobs.read(sha(bytes)))).equals(bytes)).toBe(true);
  });
});
