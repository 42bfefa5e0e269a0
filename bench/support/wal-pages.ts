import { readFileSync } from "node:fs";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../src/store/database.js";

/** What some writes put in SQLite's write-ahead log, per write. */
export interface WalPages {
  /** Pages appended to the log: a page changed in two commits counts twice. */
  frames: number;
  commits: number;
  /** Different pages of the database file: what a checkpoint copies and syncs. */
  pages: number;
}

/**
 * Runs `op` `times` times on a SQLite database in WAL mode and reads its log: the log is emptied
 * first and no checkpoint runs meanwhile, so the log then holds exactly those writes. Unlike a
 * time, this does not depend on how busy the machine's disk is. Log format: a 32-byte header
 * (page size at offset 8), then frames of a 24-byte header (page number at offset 0, the
 * database's size in pages at offset 4 on a commit's last frame, else 0) and the page.
 */
export async function walPagesOf(
  k: Kysely<Database>,
  file: string,
  times: number,
  op: (i: number) => Promise<unknown>,
): Promise<WalPages> {
  const [setting] = (
    await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(k)
  ).rows;
  const [emptied] = (await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(k)).rows;
  // A reader in the way leaves older frames in the log, which would be counted as these writes'.
  if (emptied?.busy)
    throw new Error("the write-ahead log could not be emptied (a reader holds it)");
  await sql`pragma wal_autocheckpoint = 0`.execute(k);
  try {
    for (let i = 0; i < times; i++) await op(i);
  } finally {
    await sql.raw(`pragma wal_autocheckpoint = ${setting?.wal_autocheckpoint ?? 1000}`).execute(k);
  }
  const log = readFileSync(`${file}-wal`);
  const pageSize = log.readUInt32BE(8);
  const pages = new Set<number>();
  let frames = 0;
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= log.length; at += 24 + pageSize) {
    frames++;
    pages.add(log.readUInt32BE(at));
    if (log.readUInt32BE(at + 4) !== 0) commits++;
  }
  return { frames: frames / times, commits: commits / times, pages: pages.size / times };
}
