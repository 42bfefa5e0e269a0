import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import pg from "pg";
import { type Db, openDatabase, sqliteFileIn } from "../../src/store/connect.js";
import { PG_URL } from "./databases.js";

/**
 * The database the CLI's local mode works on, for CLI tests on both dialects: an embedded SQLite
 * folder (`--data-dir`), or a fresh PostgreSQL database (`DATABASE_URL`). `open` gives the test its
 * own handle on the same database, to look at or tamper with what the commands wrote.
 */
export interface CliDatabase {
  args: string[];
  env: NodeJS.ProcessEnv;
  open(): Db;
  drop(): Promise<void>;
}

export const CLI_DIALECTS = PG_URL ? (["sqlite", "postgres"] as const) : (["sqlite"] as const);

export async function cliDatabase(name: "sqlite" | "postgres"): Promise<CliDatabase> {
  if (name === "sqlite") {
    const dir = mkdtempSync(`${tmpdir()}/fb-cli-db-`);
    return {
      args: ["--data-dir", dir],
      env: {},
      open: () => openDatabase({ sqliteFile: sqliteFileIn(dir) }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const db = `firebreak_cli_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${db}`);
  await admin.end();
  const url = new URL(PG_URL as string);
  url.pathname = `/${db}`;
  return {
    args: [],
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ url: url.toString() }),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${db} with (force)`);
      await c.end();
    },
  };
}
