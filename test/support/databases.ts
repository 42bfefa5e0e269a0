import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { type Db, type DialectName, migrate, openDatabase } from "../../src/store/connect.js";
import {
  type DatabaseTemplates,
  dropLater,
  PG_URL,
  pgAdmin,
  pgUrlOf,
} from "./database-templates.js";

/**
 * The databases every store test runs on. SQLite always; PostgreSQL when FIREBREAK_TEST_PG (or
 * DATABASE_URL) names a server — `.ci/run` always sets it, so there a missing server fails the
 * suite instead of skipping it.
 */
export { PG_URL };

export interface TestDialect {
  name: DialectName;
  /** Why the dialect is skipped, if it is. */
  skip?: string;
  /** A fresh, empty database (migrated unless `migrated: false`); closing it throws it away. */
  open(options?: { migrated?: boolean }): Promise<Db>;
}

/**
 * The migrated databases test/support/database-templates.ts (globalSetup) made for this run;
 * undefined in a run whose configuration does not name it (the databases are migrated then).
 */
const templates = (): DatabaseTemplates | undefined => inject("databaseTemplates");

const sqlite: TestDialect = {
  name: "sqlite",
  async open({ migrated = true } = {}) {
    const dir = mkdtempSync(join(tmpdir(), "firebreak-test-"));
    const file = join(dir, "firebreak.db");
    const template = migrated ? templates()?.sqliteFile : undefined;
    if (template) copyFileSync(template, file);
    const db = openDatabase({ sqliteFile: file });
    if (migrated && !template) await migrate(db);
    return {
      ...db,
      close: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** A new PostgreSQL database name, under this run's prefix (which the teardown drops). */
export function testDatabaseName(): string {
  return `${templates()?.pgPrefix ?? "firebreak_test_"}${randomBytes(6).toString("hex")}`;
}

const postgres: TestDialect = {
  name: "postgres",
  skip: PG_URL
    ? undefined
    : "PostgreSQL suite skipped: set FIREBREAK_TEST_PG=postgres://… to run it",
  async open({ migrated = true } = {}) {
    const template = migrated ? templates()?.pgTemplate : undefined;
    const name = testDatabaseName();
    const admin = await pgAdmin();
    try {
      await admin.query(`create database ${name}${template ? ` template ${template}` : ""}`);
    } finally {
      await admin.end();
    }
    const db = openDatabase({ url: pgUrlOf(name) });
    if (migrated && !template) await migrate(db);
    return {
      ...db,
      close: async () => {
        await db.close();
        dropLater(name);
      },
    };
  },
};

export const TEST_DIALECTS: readonly TestDialect[] = [sqlite, postgres];

if (!PG_URL) console.warn(postgres.skip);
