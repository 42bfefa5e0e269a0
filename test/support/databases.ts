import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Db, type DialectName, migrate, openDatabase } from "../../src/store/connect.js";

/**
 * The databases every store test runs on. SQLite always; PostgreSQL when FIREBREAK_TEST_PG (or
 * DATABASE_URL) names a server — `.ci/run` always sets it, so there a missing server fails the
 * suite instead of skipping it.
 */
export const PG_URL = process.env.FIREBREAK_TEST_PG ?? process.env.DATABASE_URL;

export interface TestDialect {
  name: DialectName;
  /** Why the dialect is skipped, if it is. */
  skip?: string;
  /** A fresh, empty database (migrated unless `migrated: false`); closing it throws it away. */
  open(options?: { migrated?: boolean }): Promise<Db>;
}

const sqlite: TestDialect = {
  name: "sqlite",
  async open({ migrated = true } = {}) {
    const dir = mkdtempSync(join(tmpdir(), "firebreak-test-"));
    const db = openDatabase({ sqliteFile: join(dir, "firebreak.db") });
    if (migrated) await migrate(db);
    return {
      ...db,
      close: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: TestDialect = {
  name: "postgres",
  skip: PG_URL
    ? undefined
    : "PostgreSQL suite skipped: set FIREBREAK_TEST_PG=postgres://… to run it",
  async open({ migrated = true } = {}) {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const name = `firebreak_test_${randomBytes(6).toString("hex")}`;
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(PG_URL as string);
    url.pathname = `/${name}`;
    const db = openDatabase({ url: url.toString() });
    if (migrated) await migrate(db);
    return {
      ...db,
      close: async () => {
        await db.close();
        const drop = new pg.Client({ connectionString: PG_URL });
        await drop.connect();
        // pg's Pool#end resolves before its clients have said goodbye; forcing the drop while they
        // are still connected sends them a FATAL error nobody listens to (an uncaught exception).
        for (let i = 0; i < 100; i++) {
          const { rows } = await drop.query(
            "select count(*)::int as n from pg_stat_activity where datname = $1",
            [name],
          );
          if (rows[0]?.n === 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await drop.query(`drop database if exists ${name} with (force)`);
        await drop.end();
      },
    };
  },
};

export const TEST_DIALECTS: readonly TestDialect[] = [sqlite, postgres];

if (!PG_URL) console.warn(postgres.skip);
