import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { sqliteFileIn } from "../../src/store/connect.js";
import { runCli } from "../support/cli.js";

/** The triggers of a database and its retention switch, as a restore should leave them. */
function guards(file: string) {
  const db = new SQLite(file, { readonly: true });
  try {
    return {
      triggers: (
        db.prepare("select name from sqlite_master where type = 'trigger' order by name").all() as {
          name: string;
        }[]
      ).map((t) => t.name),
      retention: db.prepare("select retention from append_only_guard").all(),
    };
  } finally {
    db.close();
  }
}

/**
 * Issue 14, found in acceptance: a backup whose append-only guards were dropped, switched off or
 * joined by a trigger that switches them off still verifies (its chains are intact). Restored as
 * it was, the new database took UPDATE and DELETE on its timeline and audit log without a word.
 * A restore now puts the guards back as a fresh database has them, and says so.
 */
describe("firebreak restore and the append-only guards", () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  it("restores a backup with its guards removed or disarmed with fresh guards, and warns", async () => {
    const root = mkdtempSync(join(tmpdir(), "firebreak-guards-"));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const dataDir = join(root, "data");
    const declared = await runCli([
      ...["incident", "declare", "--type", "malware", "--severity", "inconvenience"],
      ...["--title", "Guarded", "--data-dir", dataDir],
    ]);
    expect(declared.code, declared.stderr).toBe(0);
    const fresh = guards(sqliteFileIn(dataDir));
    expect(fresh.triggers.length).toBeGreaterThan(0);

    const clean = join(root, "clean.db");
    expect((await runCli(["backup", "--out", clean, "--data-dir", dataDir])).code).toBe(0);
    const untouched = await runCli(["restore", clean, "--data-dir", join(root, "untouched")]);
    expect(untouched.code, untouched.stderr).toBe(0);
    expect(untouched.stderr).not.toMatch(/guards/);

    // The backup is disarmed without touching a single timeline or audit entry.
    const disarmed = join(root, "disarmed.db");
    expect((await runCli(["backup", "--out", disarmed, "--data-dir", dataDir])).code).toBe(0);
    const edit = new SQLite(disarmed);
    edit.exec("drop trigger timeline_no_update");
    edit.exec("update append_only_guard set retention = 1");
    edit.exec(
      "create trigger rearm after insert on events begin update append_only_guard set retention = 1; end",
    );
    edit.close();

    const restoredDir = join(root, "restored");
    const restored = await runCli(["restore", disarmed, "--data-dir", restoredDir]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stderr).toMatch(/append-only guards .* were missing or altered/);
    const file = sqliteFileIn(restoredDir);
    expect(guards(file)).toEqual(fresh);
    const db = new SQLite(file);
    try {
      expect(() => db.prepare("update timeline set payload = '{}'").run()).toThrow(/append-only/);
      expect(() => db.prepare("delete from timeline").run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
    const verify = await runCli(["verify", "--data-dir", restoredDir]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  }, 120_000);
});
