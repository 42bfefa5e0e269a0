import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import type { Database } from "./database.js";
import { LATEST_MIGRATION, migrationProvider } from "./migrations/index.js";
import { SqliteCheckpoints } from "./sqlite-checkpoints.js";
import { cachingStatements } from "./sqlite-statement-cache.js";

export type DialectName = "sqlite" | "postgres";

/** An open database: the Kysely handle plus what differs between the two dialects. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** Where it lives, for logs (a file path, or the URL without its password). */
  location: string;
  /**
   * The caller writes in bulk (ingestion): on SQLite, checkpoints move to a thread of their own
   * (`sqlite-checkpoints.ts`); elsewhere nothing.
   */
  writingInBulk(): void;
  close(): Promise<void>;
}

export type DatabaseTarget = { url: string } | { sqliteFile: string };

/** Where the embedded database lives inside a data folder. */
export function sqliteFileIn(dataDir: string): string {
  return join(dataDir, "firebreak.db");
}

export function openDatabase(target: DatabaseTarget): Db {
  if ("url" in target) {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      kysely,
      dialect: "postgres",
      location: redact(target.url),
      writingInBulk: () => {},
      close: () => kysely.destroy(),
    };
  }
  if (target.sqliteFile !== ":memory:")
    mkdirSync(join(target.sqliteFile, ".."), { recursive: true });
  const sqlite = new SQLite(target.sqliteFile);
  // WAL lets readers run beside the writer; NORMAL sync is durable across process crashes in WAL.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Up to 64 MB of pages kept (the default, 2 MB, is less than the index of alert links alone
  // after a day of attack traffic: every flush read its pages again from the file).
  sqlite.pragma("cache_size = -65536");
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingStatements(sqlite) }),
  });
  const checkpoints =
    target.sqliteFile === ":memory:" ? undefined : new SqliteCheckpoints(sqlite, target.sqliteFile);
  return {
    kysely,
    dialect: "sqlite",
    location: target.sqliteFile,
    writingInBulk: () => checkpoints?.start(),
    close: async () => {
      await checkpoints?.stop();
      await kysely.destroy();
    },
  };
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: migrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`migration ${failed} failed: ${(error as Error).message}`);
  }
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/**
 * Readiness: the database answers and the newest migration is applied. One indexed lookup of
 * the migration table (its primary key), since probes come every few seconds and must answer
 * fast under load: Kysely's Migrator would introspect every table first (about 10 ms of blocked
 * event loop on SQLite, 60 ms on PostgreSQL, per probe). Only when that lookup fails is the
 * database asked whether it answers at all, to name the reason.
 */
export async function checkReady(db: Db): Promise<{ ok: boolean; reason?: string }> {
  try {
    const { rows } =
      await sql`select name from kysely_migration where name = ${LATEST_MIGRATION}`.execute(
        db.kysely,
      );
    return rows.length > 0 ? { ok: true } : { ok: false, reason: "migrations pending" };
  } catch {
    try {
      await sql`select 1`.execute(db.kysely);
      return { ok: false, reason: "migrations pending" };
    } catch (e) {
      return { ok: false, reason: `database unreachable: ${(e as Error).message}` };
    }
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres";
  }
}
