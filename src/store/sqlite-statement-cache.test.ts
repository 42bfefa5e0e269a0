import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { cachingStatements } from "./sqlite-statement-cache.js";

describe("SQLite statement cache", () => {
  const open: SQLite.Database[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
  });
  const database = () => {
    const db = new SQLite(":memory:");
    open.push(db);
    db.exec("create table t (n integer)");
    return db;
  };

  it("prepares a text once and keeps the most recently used", () => {
    const cache = cachingStatements(database(), 2);
    const a = cache.prepare("select n from t");
    expect(cache.prepare("select n from t")).toBe(a);
    const b = cache.prepare("select n + 1 from t");
    cache.prepare("select n from t"); // a is now the most recent: b goes first
    cache.prepare("select n + 2 from t");
    expect(cache.prepare("select n from t")).toBe(a);
    expect(cache.prepare("select n + 1 from t")).not.toBe(b);
  });

  it("never hands out a statement still being iterated", () => {
    const cache = cachingStatements(database());
    cache.prepare("insert into t (n) values (1), (2)").run([]);
    const a = cache.prepare("select n from t");
    const iterating = a.iterate([]);
    iterating.next();
    const other = cache.prepare("select n from t");
    expect(other).not.toBe(a);
    expect(other.all([])).toEqual([{ n: 1 }, { n: 2 }]);
    iterating.return?.();
    expect(cache.prepare("select n from t")).toBe(a);
  });

  it("serves Kysely's reads, writes, RETURNING and transactions with reused statements", async () => {
    const kysely = new Kysely<{ t: { n: number } }>({
      dialect: new SqliteDialect({ database: cachingStatements(database()) }),
    });
    for (let i = 0; i < 3; i++) {
      const res = await kysely.insertInto("t").values({ n: i }).executeTakeFirst();
      expect(res.numInsertedOrUpdatedRows).toBe(1n);
      await kysely.transaction().execute(async (tx) => {
        const back = await tx
          .insertInto("t")
          .values({ n: 10 + i })
          .returning("n")
          .execute();
        expect(back).toEqual([{ n: 10 + i }]);
      });
    }
    const rows = await kysely.selectFrom("t").select("n").orderBy("n").execute();
    expect(rows.map((r) => r.n)).toEqual([0, 1, 2, 10, 11, 12]);
    const streamed: number[] = [];
    for await (const r of kysely.selectFrom("t").select("n").where("n", "<", 10).stream())
      streamed.push(r.n);
    expect(streamed).toEqual([0, 1, 2]);
    await sql`delete from t where n >= ${10}`.execute(kysely);
    expect(await kysely.selectFrom("t").select("n").execute()).toHaveLength(3);
    await kysely.destroy();
  });
});
