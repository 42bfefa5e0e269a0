import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../../test/support/wait.js";
import { type Db, openDatabase } from "./connect.js";
import { SqliteCheckpoints } from "./sqlite-checkpoints.js";

/** 2 MB in 500 rows of 4 KB: about 500 pages of log, under the writer's own threshold of 1,000. */
async function writeTwoMegabytes(db: Db) {
  await sql`create table t (v text)`.execute(db.kysely);
  await db.kysely.transaction().execute(async (tx) => {
    for (let i = 0; i < 500; i++)
      await sql`insert into t (v) values (${`${i}`.padEnd(4000, "x")})`.execute(tx);
  });
}

describe("SQLite checkpoints on their own thread", () => {
  let dir = "";
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  const open = () => {
    dir = mkdtempSync(join(tmpdir(), "firebreak-checkpoints-"));
    const file = join(dir, "firebreak.db");
    db = openDatabase({ sqliteFile: file });
    return { db, size: () => statSync(file).size };
  };

  it("copy the log into the database file once bulk writing starts, and close cleanly", async () => {
    const { db, size } = open();
    db.writingInBulk();
    await writeTwoMegabytes(db);
    await waitFor("the log copied into the database file", () => size() > 2_000_000, 5_000);
    await db.close();
    // The writer closed last: the log is finished and removed, the data is in the file.
    const again = openDatabase({ sqliteFile: join(dir, "firebreak.db") });
    const { rows } = await sql<{ n: number }>`select count(*) as n from t`.execute(again.kysely);
    expect(Number(rows[0]?.n)).toBe(500);
    await again.close();
  });

  it("go back to the writer once bulk writing has stopped for a while", async () => {
    const { size } = open();
    const sqlite = new SQLite(join(dir, "firebreak.db"));
    const checkpoints = new SqliteCheckpoints(sqlite, join(dir, "firebreak.db"), 200);
    checkpoints.start();
    await new Promise((resolve) => setTimeout(resolve, 700));
    sqlite.exec("create table u (v text)");
    const insert = sqlite.prepare("insert into u (v) values (?)");
    sqlite.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run(`${i}`.padEnd(4000, "x"));
    })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(size()).toBeLessThan(1_000_000);
    await checkpoints.stop();
    sqlite.close();
  });

  it("are left to the writer's own threshold otherwise", async () => {
    const { db, size } = open();
    await writeTwoMegabytes(db);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(size()).toBeLessThan(1_000_000);
  });
});
