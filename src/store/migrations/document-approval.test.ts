import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { PG_URL } from "../../../test/support/databases.js";
import { postgresDatabase } from "../../../test/support/serve.js";
import { type Db, migrate, openDatabase } from "../connect.js";
import { documentRepo } from "../document.repo.js";
import { planReviewRepo } from "../plan-review.repo.js";
import { migrationProvider } from "./index.js";

/** An unmigrated database of each dialect (PostgreSQL only when the suite has a server). */
const dialects = [
  {
    name: "sqlite",
    async open(): Promise<{ db: Db; drop(): Promise<void> }> {
      const dir = mkdtempSync(join(tmpdir(), "firebreak-mig-"));
      const db = openDatabase({ sqliteFile: join(dir, "firebreak.db") });
      return { db, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  ...(PG_URL
    ? [
        {
          name: "postgres",
          async open() {
            const pg = await postgresDatabase();
            return { db: openDatabase({ url: pg.url }), drop: pg.drop };
          },
        },
      ]
    : []),
];

const version = (doc_id: string, kind: string, n: number) => ({
  id: `${kind}-${doc_id}-${n}`,
  kind,
  doc_id,
  version_number: n,
  hash: `${doc_id}-hash-${n}`,
  label: String(n),
  title: doc_id,
  source: "",
  body: "{}",
  origin: "upload",
  created_at: `2026-01-0${n}T00:00:00.000Z`,
  created_by: "person:ann",
});

describe.each(dialects)("migration 0012-document-approval ($name)", (dialect) => {
  let handle: { db: Db; drop(): Promise<void> } | undefined;
  afterEach(async () => {
    await handle?.db.close();
    await handle?.drop();
  });

  it("keeps what an existing database was running in force, and its plan reviews", async () => {
    handle = await dialect.open();
    const { db } = handle;
    const migrator = new Migrator({ db: db.kysely, provider: migrationProvider });
    expect((await migrator.migrateTo("0011-preparation")).error).toBeUndefined();
    await db.kysely
      .insertInto("documents")
      .values([
        version("default", "plan", 1),
        version("default", "plan", 2),
        version("x", "procedure", 1),
      ])
      .execute();
    await db.kysely
      .insertInto("plan_reviews")
      .values({
        id: "r1",
        plan_id: "default",
        version: 1,
        hash: "default-hash-1",
        status: "approved",
        submitted_at: "2026-01-01T00:00:00.000Z",
        submitted_by: "person:ann",
        note: "",
        closed_at: "2026-01-02T00:00:00.000Z",
      } as never)
      .execute();

    await migrate(db);
    const documents = documentRepo(db);
    // Before approval existed the newest version was in force: it stays so.
    expect((await documents.current()).map((d) => `${d.kind}/${d.id}@v${d.version}`)).toEqual([
      "plan/default@v2",
      "procedure/x@v1",
    ]);
    expect(await documents.states("plan", "default")).toMatchObject([
      { n: 1, state: "in_force", version: 2, by: "system:migration" },
    ]);
    expect(await planReviewRepo(db).reviews("plan", "default")).toMatchObject([
      { id: "r1", kind: "plan", version: 1, status: "approved" },
    ]);
  });
});
