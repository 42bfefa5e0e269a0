import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, sqliteFileIn } from "../../src/store/connect.js";
import { declareByCli, runCli } from "../support/cli.js";
import { adminToken, type ServerProcess, startServer } from "../support/serve.js";
import { waitFor } from "../support/wait.js";

/** Hosts of every event stored in a data folder's database. */
async function storedHosts(dataDir: string): Promise<Set<string>> {
  const db = openDatabase({ sqliteFile: sqliteFileIn(dataDir) });
  try {
    const rows = await db.kysely.selectFrom("events").select("host").execute();
    return new Set(rows.map((r) => r.host as string));
  } finally {
    await db.close();
  }
}

/**
 * Issue 14: a backup taken while events stream into a running server restores into a new data
 * folder whose incident timelines and audit log verify, and which holds every event the server
 * acknowledged before the backup began. A backup whose chains do not verify is refused.
 */
describe("firebreak backup and restore", () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("copies a running server's database during ingest, restores it, and refuses tampering", async () => {
    const root = mkdtempSync(join(tmpdir(), "firebreak-backup-"));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const dataDir = join(root, "data");
    const local = ["--data-dir", dataDir];
    await declareByCli(local);
    const token = await adminToken(local, "ingest");
    const server: ServerProcess = await startServer([...local, "--no-worker"]);
    cleanups.push(() => server.stop());

    // Two shippers send batches of 20 events, each event named by its host, until told to stop.
    const acknowledged: { host: string; at: number }[] = [];
    let stop = false;
    let sent = 0;
    const shipper = async () => {
      while (!stop) {
        const batch = Array.from({ length: 20 }, () => ({
          "@timestamp": new Date().toISOString(),
          host: { name: `h-${sent++}` },
          message: "benign",
        }));
        const res = await fetch(`${server.base}/api/v1/events`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(batch),
        });
        expect(res.status, await res.text()).toBeLessThan(300);
        const at = Date.now();
        for (const e of batch) acknowledged.push({ host: e.host.name, at });
      }
    };
    const shippers = [shipper(), shipper()];
    await waitFor("some events acknowledged", () => acknowledged.length >= 200, 30_000);

    const began = Date.now();
    const out = join(root, "firebreak-backup.db");
    const backup = await runCli(["backup", "--out", out, "--json", ...local]);
    const ended = Date.now();
    await waitFor("ingest to go on after the backup", () => (acknowledged.at(-1)?.at ?? 0) > ended);
    stop = true;
    await Promise.all(shippers);
    expect(backup.code, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ out });
    const before = acknowledged.filter((a) => a.at < began).map((a) => a.host);
    expect(before.length).toBeGreaterThanOrEqual(200);

    const restored = join(root, "restored");
    const restore = await runCli(["restore", out, "--data-dir", restored, "--json"]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(JSON.parse(restore.stdout)).toMatchObject({ restored: true, incidents: 1, broken: [] });
    for (const check of [["verify"], ["audit", "verify"]]) {
      const res = await runCli([...check, "--data-dir", restored]);
      expect(res.code, `${check.join(" ")}: ${res.stdout}${res.stderr}`).toBe(0);
    }
    const hosts = await storedHosts(restored);
    expect(before.filter((h) => !hosts.has(h))).toEqual([]);

    // Not over a database that is there, unless forced; then the old one is kept aside.
    const again = await runCli(["restore", out, "--data-dir", restored]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
    const forced = await runCli(["restore", out, "--data-dir", restored, "--force", "--json"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(existsSync(JSON.parse(forced.stdout).set_aside)).toBe(true);

    // Someone edits a timeline entry in the backup (dropping the triggers that refuse it first).
    const tampered = new SQLite(out);
    for (const { name } of tampered
      .prepare("select name from sqlite_master where type = 'trigger'")
      .all() as { name: string }[])
      tampered.exec(`drop trigger "${name}"`);
    tampered.prepare("update timeline set payload = '{}' where seq = 1").run();
    tampered.close();
    const elsewhere = join(root, "elsewhere");
    const refused = await runCli(["restore", out, "--data-dir", elsewhere]);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toMatch(/BROKEN at entry 1/);
    expect(existsSync(elsewhere) ? readdirSync(elsewhere) : []).toEqual([]);
    expect(readdirSync(root).filter((f) => f.includes("restore-"))).toEqual([]);
  }, 240_000);
});
