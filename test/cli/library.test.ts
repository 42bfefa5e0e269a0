import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUILTIN_LIBRARY_DIR } from "../../src/documents/library.js";
import { runCli } from "../support/cli.js";
import { PG_URL } from "../support/databases.js";
import { postgresDatabase, startServer } from "../support/serve.js";

type Target = { args: string[]; env: NodeJS.ProcessEnv; drop(): Promise<void> };

/** Where the CLI's local database is: an embedded SQLite folder, or a fresh PostgreSQL database. */
async function target(name: "sqlite" | "postgres", dir: string): Promise<Target> {
  if (name === "sqlite")
    return { args: ["--data-dir", join(dir, "data")], env: {}, drop: async () => {} };
  const db = await postgresDatabase();
  return { args: [], env: { DATABASE_URL: db.url }, drop: db.drop };
}

/** A copy of the built-in library with a new plan version label and a retitled procedure. */
function changedLibrary(dir: string): string {
  const lib = join(dir, "library");
  cpSync(BUILTIN_LIBRARY_DIR, lib, { recursive: true });
  const edit = (file: string, from: RegExp, to: string) =>
    writeFileSync(join(lib, file), readFileSync(join(lib, file), "utf8").replace(from, to));
  edit("plan.yml", /^version: .*$/m, 'version: "2099.1"');
  edit("procedures/ransomware.yml", /^title: .*$/m, "title: Ransomware (revised)");
  return lib;
}

const DIALECTS = PG_URL ? (["sqlite", "postgres"] as const) : (["sqlite"] as const);

describe.each(DIALECTS)("firebreak library sync and document approval (%s)", (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), "fb-library-cli-"));
  let db: Target;
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps the plan in force whatever --library other commands get; sync makes drafts; only approval puts them in force; each step audited", async () => {
    db = await target(dialect, dir);
    const cli = async (...args: string[]) => {
      const r = await runCli([...args, ...db.args], { env: db.env });
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      return r;
    };
    const json = async (...args: string[]) => JSON.parse((await cli(...args, "--json")).stdout);
    // The first command loads the built-in library into the empty database, in force.
    expect((await json("plan", "status")).current).toMatchObject({ version: 1, in_force: true });

    const lib = changedLibrary(dir);
    // Any other command with another library writes nothing.
    await runCli(["verify", "--library", lib, ...db.args], { env: db.env });
    await cli("incident", "list", "--library", lib);
    const untouched = await json("plan", "status", "--library", lib);
    expect(untouched.versions).toHaveLength(1);
    expect(untouched.current).toMatchObject({ version: 1, label: "2026.10" });

    // A server started with it says once which documents differ, and stores none of them.
    const server = await startServer(["--library", lib, ...db.args], db.env);
    await server.stop();
    const warnings = server
      .output()
      .split("\n")
      .filter((l) => l.includes("differs from what is in force"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("plan/default (not stored)");
    expect(warnings[0]).toContain("procedure/ransomware (not stored)");
    expect(warnings[0]).not.toContain("procedure/phishing");
    expect((await json("plan", "status")).versions).toHaveLength(1);

    const sync = await cli("library", "sync", "--library", lib);
    expect(sync.stdout).toMatch(/^plan\/default: new draft v2 /m);
    expect(sync.stdout).toMatch(/^procedure\/ransomware: new draft v2 /m);
    expect(sync.stdout).toMatch(/^procedure\/phishing: unchanged$/m);
    const again = await json("library", "sync", "--library", lib);
    expect(again.documents.every((d: { change: string }) => d.change === "unchanged")).toBe(true);

    const pending = await cli("documents", "pending");
    expect(pending.stdout).toContain("plan/default: v2 draft (in force: v1)");
    expect(pending.stdout).toContain("procedure/ransomware: v2 draft (in force: v1)");
    const drafted = await json("plan", "status");
    expect(drafted.current).toMatchObject({ version: 1, in_force: true });
    expect(drafted.pending).toMatchObject({ version: 2, state: "draft", in_force: false });

    const proc = ["--kind", "procedure", "--id", "ransomware"];
    await cli("documents", "submit", ...proc, "--note", "clearer title");
    await cli("plan", "submit", "--note", "new version label");
    const approvers = ["margaret-osei", "william-harper", "robert-chen"];
    for (const [i, as] of approvers.entries()) {
      const v = await json("documents", "approve", ...proc, "--as", as);
      expect(v.in_force).toBe(i === approvers.length - 1);
    }
    const ransomware = await json("documents", "status", ...proc);
    expect(ransomware.current).toMatchObject({ version: 2, state: "approved", in_force: true });
    expect(ransomware.versions[1]).toMatchObject({ version: 1, state: "superseded" });
    // The plan's draft is still waiting: only its approval changes the plan in force.
    expect((await json("plan", "status")).current).toMatchObject({ version: 1 });
    await cli("plan", "request-changes", "--as", "william-harper", "--comment", "not yet");
    expect((await json("plan", "status")).pending.state).toBe("draft");

    const audit = await json("audit", "list", "--limit", "100");
    const actions = audit.items
      .map((e: { action: string; target: string }) => `${e.action} ${e.target}`)
      .reverse();
    expect(actions).toEqual(
      expect.arrayContaining([
        `library.synced ${lib}`,
        "document.submitted procedure/ransomware@v2",
        "document.submitted plan/default@v2",
        "document.approved procedure/ransomware@v2",
        "document.in_force procedure/ransomware@v2",
        "document.superseded procedure/ransomware@v1",
        "document.changes_requested plan/default@v2",
      ]),
    );
    expect(actions.filter((a: string) => a.startsWith("document.approved"))).toHaveLength(3);
  }, 300_000);
});
