import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
} from "node:fs";
import SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import { openDatabase } from "./connect.js";
import { reinstallSqliteGuards } from "./migrations/append-only-guard.js";

/** The files one SQLite database is made of: the database, its write-ahead log and index. */
const SQLITE_PARTS = ["", "-wal", "-shm"];

/**
 * Copies the embedded database to `outFile` while servers keep using it: SQLite's online backup,
 * all pages in one step, so the copy is one consistent snapshot (a read transaction in WAL mode
 * does not hold up writers). Whatever a writer committed before the copy began is in it.
 */
export async function backupSqlite(
  sourceFile: string,
  outFile: string,
): Promise<{ bytes: number; pages: number }> {
  const db = new SQLite(sourceFile, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const { totalPages } = await db.backup(outFile, { progress: () => 0x7fffffff });
    return { bytes: statSync(outFile).size, pages: totalPages };
  } finally {
    db.close();
  }
}

/** Whether a file starts as every SQLite 3 database does. */
export function isSqliteFile(file: string): boolean {
  const header = Buffer.alloc(16);
  const fd = openSync(file, "r");
  try {
    return (
      readSync(fd, header, 0, 16, 0) === 16 && header.toString("latin1") === "SQLite format 3\0"
    );
  } finally {
    closeSync(fd);
  }
}

/** Whether a folder is missing or has nothing in it. */
export function isEmptyFolder(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/**
 * Moves a database (with its WAL and index, when present) from `from` to `to`; nothing is
 * deleted. Both must be on one file system (a rename).
 */
export function moveSqlite(from: string, to: string): void {
  for (const part of SQLITE_PARTS) if (existsSync(from + part)) renameSync(from + part, to + part);
}

/**
 * Gives a restored copy the append-only guards a fresh database has (see
 * `reinstallSqliteGuards`), whatever the backup held; answers whether they had been altered.
 */
export async function reinstallGuards(file: string): Promise<boolean> {
  const db = openDatabase({ sqliteFile: file });
  try {
    return await reinstallSqliteGuards(db.kysely as unknown as Kysely<unknown>);
  } finally {
    await db.close();
  }
}
