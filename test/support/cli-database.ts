import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { type Db, openDatabase, sqliteFileIn } from "../../src/store/connect.js";
import { PG_URL } from "./databases.js";
import { postgresDatabase } from "./serve.js";

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
  const { url, drop } = await postgresDatabase();
  return {
    args: [],
    env: { DATABASE_URL: url },
    open: () => openDatabase({ url }),
    drop,
  };
}
