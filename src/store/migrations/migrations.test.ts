import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Kysely, Migrator } from "kysely";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { verifyAudit } from "../../audit/audit.service.js";
import { loadConfig } from "../../config.js";
import { BUILTIN_LIBRARY_DIR } from "../../documents/library.js";
import { canonicalJson } from "../../domain/canonical-json.js";
import { GENESIS_HASH, linkHash } from "../../domain/hash-chain.js";
import { verifyTimeline } from "../../response/timeline.service.js";
import { runtimeFor } from "../../runtime.js";
import { migrationProvider } from "./index.js";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const AT = "2026-01-05T09:00:00.000Z";
const INCIDENT = randomUUID();
// Rows are written with the columns their table had right after the named migration.
// biome-ignore lint/suspicious/noExplicitAny: old schemas are not the Database interface
type OldDb = Kysely<any>;

/**
 * Representative rows, written right after the migration that made their table, as the version
 * of Firebreak that stopped there wrote them: hash chains included, computed as it computed them.
 */
const FILL: Record<string, (db: OldDb) => Promise<void>> = {
  "0001-documents": async (db) => {
    const source = readFileSync(`${BUILTIN_LIBRARY_DIR}/plan.yml`, "utf8");
    await db
      .insertInto("documents")
      .values({
        id: randomUUID(),
        kind: "plan",
        doc_id: "default",
        version_number: 1,
        hash: createHash("sha256").update(source).digest("hex"),
        label: "v1",
        title: "Incident response plan",
        source,
        body: JSON.stringify(parse(source)),
        origin: "library",
        created_at: AT,
        created_by: "system",
      })
      .execute();
  },
  "0002-incidents": async (db) => {
    await db
      .insertInto("incidents")
      .values({
        id: INCIDENT,
        human_id: "INC-2026-0001",
        title: "Files encrypted on FS01",
        description: "",
        type: "ransomware",
        severity: "emergency",
        phase: "detection",
        commander: "amara-okafor",
        attributes: "{}",
        source_alerts: "[]",
        plan_id: "default",
        plan_version: 1,
        procedure_id: "ransomware",
        procedure_version: 1,
        restricted: 0,
        exercise: 0,
        detected_at: AT,
        reported_at: AT,
        declared_at: AT,
        created_by: "Local operator (person:operator)",
        updated_at: AT,
        version: 3,
      })
      .execute();
    const actor = canonicalJson({ kind: "person", id: "operator", name: "Local operator" });
    const entries = [
      [
        "incident.declared",
        { title: "Files encrypted on FS01", type: "ransomware", severity: "emergency" },
      ],
      ["role.assigned", { role: "commander", person: "amara-okafor" }],
      ["note", { text: "FS02 shows the same ransom note" }],
    ] as const;
    let prev = GENESIS_HASH;
    for (const [i, [kind, payload]] of entries.entries()) {
      const content = {
        incident_id: INCIDENT,
        seq: i + 1,
        recorded_at: AT,
        occurred_at: null,
        actor,
        kind,
        payload: canonicalJson(payload),
      };
      const hash = linkHash(prev, content);
      await db
        .insertInto("timeline")
        .values({ ...content, prev_hash: prev, hash })
        .execute();
      prev = hash;
    }
  },
  "0006-identity": async (db) => {
    let prev = GENESIS_HASH;
    for (const seq of [1, 2]) {
      const row = {
        seq,
        at: AT,
        actor: "system:bootstrap",
        action: seq === 1 ? "user.created" : "token.created",
        target: "ops@example.org",
        outcome: "success",
        ip: null,
        details: "{}",
      };
      const hash = linkHash(prev, row);
      await db
        .insertInto("audit_log")
        .values({ ...row, prev_hash: prev, hash })
        .execute();
      prev = hash;
    }
  },
  "0008-detection": async (db) => {
    await db
      .insertInto("events")
      .values({
        id: "0190c6f0-0000-7000-8000-000000000001",
        received_at: AT,
        time: AT,
        source: "sysmon",
        integration_id: null,
        host: "FS01",
        username: "svc-backup",
        source_ip: null,
        destination_ip: null,
        process_image: "C:\\Windows\\System32\\vssadmin.exe",
        process_pid: "4242",
        command_line: "vssadmin delete shadows /all /quiet",
        raw: JSON.stringify({ host: { name: "FS01" } }),
      })
      .execute();
  },
};

describe("migration order", () => {
  it("numbers each migration once, lists them in the order they apply, and registers every file", async () => {
    const names = Object.keys(await migrationProvider.getMigrations());
    for (const name of names) expect(name).toMatch(/^\d{4}-[a-z0-9]+(-[a-z0-9]+)*$/);
    const numbers = names.map((n) => n.slice(0, 4));
    expect(
      numbers.filter((n, i) => numbers.indexOf(n) !== i),
      "numbers used twice",
    ).toEqual([]);
    // Kysely applies migrations sorted by name; the list must say the same order.
    expect(names).toEqual([...names].sort());
    const files = readdirSync(HERE)
      .filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith(".test.ts"))
      .map((f) => f.replace(/\.ts$/, ""));
    expect(
      files.filter((f) => !names.includes(f)),
      "migration files not registered",
    ).toEqual([]);
  });
});

describe.each(TEST_DIALECTS)("upgrading from every earlier schema on $name", (dialect) => {
  it.skipIf(dialect.skip)(
    "steps from 0001 through each migration with rows in it, and the result verifies",
    async () => {
      const db = await dialect.open({ migrated: false });
      try {
        const migrator = new Migrator({ db: db.kysely, provider: migrationProvider });
        for (const name of Object.keys(await migrationProvider.getMigrations())) {
          const { error } = await migrator.migrateTo(name);
          expect(error, `migrating to ${name}`).toBeUndefined();
          await FILL[name]?.(db.kysely as OldDb);
        }
        const rt = runtimeFor(
          loadConfig({ library: [BUILTIN_LIBRARY_DIR], logLevel: "silent" }, {}),
          db,
        );
        expect(await verifyTimeline(rt, INCIDENT, undefined)).toMatchObject({
          intact: true,
          entries: 3,
        });
        expect(await verifyAudit(rt)).toMatchObject({ intact: true, entries: 2 });
        expect(await rt.documents.get("plan", "default", 1)).toMatchObject({ version: 1 });
        const incident = await rt.incidents.get("INC-2026-0001");
        expect(incident).toMatchObject({ commander: "amara-okafor", version: 3 });
        const events = await db.kysely.selectFrom("events").select("host").execute();
        expect(events).toEqual([{ host: "FS01" }]);
      } finally {
        await db.close();
      }
    },
    120_000,
  );
});
