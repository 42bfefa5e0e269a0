import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate, openDatabase } from "../../src/store/connect.js";

/** What the test files' databases are made from in this run (see databases.ts). */
export interface DatabaseTemplates {
  /** A migrated SQLite file that each test database is a copy of. */
  sqliteFile?: string;
  /** Prefix of every PostgreSQL database this run makes, so that the teardown finds them. */
  pgPrefix?: string;
  /** A migrated PostgreSQL database (no connections allowed) each test database copies. */
  pgTemplate?: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates;
  }
}

export const PG_URL = process.env.FIREBREAK_TEST_PG ?? process.env.DATABASE_URL;

/** A connection to the server's `postgres` database, for creating and dropping databases. */
export async function pgAdmin(): Promise<pg.Client> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  return admin;
}

/** The URL of database `name` on the test server. */
export function pgUrlOf(name: string): string {
  const url = new URL(PG_URL as string);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Drops a database once its connections are gone. pg's Pool#end resolves before its clients
 * have said goodbye; forcing the drop while they are still connected sends them a FATAL error
 * nobody listens to (an uncaught exception), so it waits for them first.
 */
export async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  await connectionsGone(admin, name);
  await admin.query(`drop database if exists ${name} with (force)`);
}

/** Waits (up to about two seconds) until nobody is connected to database `name`. */
async function connectionsGone(admin: pg.Client, name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { rows } = await admin.query(
      "select count(*)::int as n from pg_stat_activity where datname = $1",
      [name],
    );
    if (rows[0]?.n === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Databases closed but not dropped yet. A drop waits for a checkpoint (seconds when the server
 * is busy), which no test needs to wait for: they are dropped behind the tests, a few at a time
 * (drops that overlap share a checkpoint), and what a worker leaves when it ends is dropped by
 * the globalSetup's teardown.
 */
const toDrop: string[] = [];
let dropping = 0;
const DROPS_AT_ONCE = 4;

export function dropLater(name: string): void {
  toDrop.push(name);
  while (dropping < DROPS_AT_ONCE && toDrop.length > 0) {
    dropping++;
    void (async () => {
      const admin = await pgAdmin();
      try {
        for (let next = toDrop.shift(); next; next = toDrop.shift())
          await dropDatabase(admin, next);
      } finally {
        await admin.end();
      }
    })()
      // A database this fails to drop is left for the teardown, which drops every one of the run.
      .catch(() => {})
      .finally(() => dropping--);
  }
}

/**
 * globalSetup: migrates one SQLite file and one PostgreSQL database from the current source, once
 * per run, for every test database to be copied from. Migrating took 0.2–0.8 s on SQLite and
 * 1.5–4 s on PostgreSQL for each of the hundreds of store tests; a copy (`CREATE DATABASE …
 * TEMPLATE`, or a file copy) takes a fraction of that. The migrations themselves are still tested
 * from an empty database (src/store/migrations/*.test.ts open theirs with `migrated: false`).
 */
export default async function buildTemplates(project: TestProject): Promise<() => Promise<void>> {
  const run = randomBytes(4).toString("hex");
  const dir = mkdtempSync(join(tmpdir(), "firebreak-template-"));
  const templates: DatabaseTemplates = {};
  if (PG_URL) templates.pgPrefix = `firebreak_test_${run}_`;
  // A migration that fails leaves that template out: each test then migrates its own database
  // and fails on it, as it did without templates, instead of the whole run stopping here.
  try {
    const sqliteFile = join(dir, "firebreak.db");
    const sqlite = openDatabase({ sqliteFile });
    try {
      await migrate(sqlite);
    } finally {
      await sqlite.close();
    }
    templates.sqliteFile = sqliteFile;
  } catch (e) {
    console.warn(`no SQLite template: ${(e as Error).message}`);
  }
  if (templates.pgPrefix) {
    const name = `${templates.pgPrefix}template`;
    const admin = await pgAdmin();
    try {
      await admin.query(`create database ${name}`);
      const db = openDatabase({ url: pgUrlOf(name) });
      try {
        await migrate(db);
      } finally {
        await db.close();
      }
      // A template must have no connections while it is copied; refusing them keeps it so.
      await connectionsGone(admin, name);
      await admin.query(`alter database ${name} with allow_connections false`);
      templates.pgTemplate = name;
    } catch (e) {
      console.warn(`no PostgreSQL template: ${(e as Error).message}`);
    } finally {
      await admin.end();
    }
  }
  project.provide("databaseTemplates", templates);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (!templates.pgPrefix) return;
    // Test databases are dropped in the background (databases.ts); those a worker had not
    // dropped yet when it ended are dropped here, with the template.
    const admin = await pgAdmin();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        "select datname from pg_database where starts_with(datname, $1)",
        [templates.pgPrefix],
      );
      await Promise.all(
        rows.map(async ({ datname }) => {
          const own = await pgAdmin();
          try {
            await dropDatabase(own, datname);
          } finally {
            await own.end();
          }
        }),
      );
    } finally {
      await admin.end();
    }
  };
}
