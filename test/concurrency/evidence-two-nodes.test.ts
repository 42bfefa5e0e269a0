import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { declareByCli, runCli } from "../support/cli.js";
import { PG_URL } from "../support/databases.js";
import { adminToken, postgresDatabase, startServer } from "../support/serve.js";

const json = (s: string) => JSON.parse(s);

/**
 * Issue 17: evidence files with the real command. In local mode on the embedded database (the
 * file in the data folder), and across two server processes on one PostgreSQL database: the
 * file uploaded through one node downloads byte-identical, its SHA-256 checked, through the
 * other, and the download is in its chain of custody.
 */
describe("evidence files with the firebreak command", () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), "fb-evidence-cli-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  it("uploads and downloads in local mode, refusing to overwrite and to go without a reason", async () => {
    const dir = scratch();
    const where = ["--data-dir", join(dir, "data")];
    const ref = (await declareByCli(where)).human_id;
    const bytes = randomBytes(1_500_000);
    writeFileSync(join(dir, "mail.eml"), bytes);

    const up = await runCli([
      "incident",
      "evidence",
      ref,
      "--file",
      join(dir, "mail.eml"),
      "--json",
      ...where,
    ]);
    expect(up.code, up.stderr).toBe(0);
    const item = json(up.stdout);
    expect(item).toMatchObject({ name: "mail.eml", size: bytes.length, file_stored: true });
    expect(readdirSync(join(dir, "data", "evidence", "sha256", item.sha256.slice(0, 2)))).toEqual([
      item.sha256.slice(2),
    ]);

    const out = join(dir, "copy.eml");
    const down = (extra: string[]) =>
      runCli([
        "incident",
        "evidence-download",
        ref,
        item.id,
        "--out",
        out,
        "--json",
        ...extra,
        ...where,
      ]);
    const noReason = await down([]);
    expect(noReason.code).not.toBe(0);
    const got = await down(["--reason", "phishing analysis"]);
    expect(got.code, got.stderr).toBe(0);
    expect(json(got.stdout)).toMatchObject({ sha256: item.sha256, out });
    expect(readFileSync(out).equals(bytes)).toBe(true);
    const again = await down(["--reason", "again"]);
    expect(again.code).toBe(1);
    expect(readFileSync(out).equals(bytes)).toBe(true);
  });

  it.skipIf(!PG_URL)(
    "gives back, through a second server process, the 20 MB file uploaded through the first",
    async () => {
      const db = await postgresDatabase();
      cleanups.push(() => db.drop());
      const where = ["--database-url", db.url];
      const ref = (await declareByCli(where)).human_id;
      const token = await adminToken(where);
      const dataDirs = [scratch(), scratch()];
      const nodes = await Promise.all(
        dataDirs.map((d) => startServer([...where, "--data-dir", d, "--no-worker"])),
      );
      for (const n of nodes) cleanups.push(() => n.stop());
      const on = (i: number) => ["--server", nodes[i]?.base as string, "--token", token];

      const dir = scratch();
      const bytes = randomBytes(20_000_000);
      writeFileSync(join(dir, "FS01.mem"), bytes);
      const up = await runCli([
        "incident",
        "evidence",
        ref,
        "--file",
        join(dir, "FS01.mem"),
        "--json",
        ...on(0),
      ]);
      expect(up.code, up.stderr).toBe(0);
      const item = json(up.stdout);

      const out = join(dir, "copy.mem");
      const down = await runCli([
        "incident",
        "evidence-download",
        ref,
        item.id,
        "--reason",
        "memory forensics",
        "--out",
        out,
        "--json",
        ...on(1),
      ]);
      expect(down.code, down.stderr).toBe(0);
      expect(readFileSync(out).equals(bytes)).toBe(true);
      expect(json(down.stdout).sha256).toBe(item.sha256);

      // In the database, not in either node's data folder.
      for (const d of dataDirs) expect(readdirSync(d).includes("evidence")).toBe(false);
      const shown = await runCli(["incident", "evidence", ref, "--json", ...on(0)]);
      const [listed] = json(shown.stdout).items;
      expect(listed.downloads).toEqual([
        expect.objectContaining({ reason: "memory forensics", by: expect.stringMatching(/Ops/) }),
      ]);
    },
  );
});
