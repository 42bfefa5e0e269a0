import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { openDatabase, sqliteFileIn } from "../../src/store/connect.js";
import { runCli } from "../support/cli.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { testRuntime } from "../support/runtime.js";
import { throughRetention } from "../support/tamper.js";

const json = (stdout: string) => JSON.parse(stdout);

describe("firebreak incident against a running server", () => {
  let rt: Runtime;
  let app: App;
  let server: string[];
  beforeAll(async () => {
    rt = await testRuntime(TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number]);
    app = await buildApp(rt, { logger: false, auth: "trust-local" });
    await app.listen({ port: 0, host: "127.0.0.1" });
    server = ["--server", `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`];
  });
  afterAll(async () => {
    await app.close();
    await rt.close();
  });

  const cli = (...args: string[]) => runCli([...args, ...server]);

  it("works a whole lifecycle, declaration to closed", { timeout: 300_000 }, async () => {
    const declared = await cli(
      "incident",
      "declare",
      "--type",
      "malware",
      "--severity",
      "emergency",
      "--title",
      "Emotet on WS-042",
      "--attr",
      "personal_data=false",
      "--aware-at",
      "2026-01-01T08:00:00Z",
      "--json",
    );
    expect(declared.code, declared.stderr).toBe(0);
    const id = json(declared.stdout).human_id;

    expect(
      (await cli("incident", "assign", id, "--role", "commander", "--person", "amara-okafor")).code,
    ).toBe(0);
    const ioc = await cli(
      "incident",
      "indicator",
      id,
      "--type",
      "ip",
      "--value",
      "203.0.113[.]7",
      "--json",
    );
    expect(json(ioc.stdout)).toMatchObject({ type: "ip", value: "203.0.113.7", created: true });
    const image = join(mkdtempSync(join(tmpdir(), "fb-evidence-")), "ws-042.mem");
    writeFileSync(image, "memory image bytes");
    const evidence = await cli(
      "incident",
      "evidence",
      id,
      "--file",
      image,
      "--acquired-by",
      "tomas-lindqvist",
      "--json",
    );
    expect(evidence.code, evidence.stderr).toBe(0);
    expect(json(evidence.stdout)).toMatchObject({
      name: "ws-042.mem",
      size: 18,
      sha256: createHash("sha256").update("memory image bytes").digest("hex"),
    });
    const badHash = await cli(
      "incident",
      "evidence",
      id,
      "--name",
      "x",
      "--sha256",
      "abc",
      "--size",
      "1",
      "--location",
      "vault",
      "--acquired-by",
      "tomas-lindqvist",
    );
    expect(badHash.code).toBe(2);

    const blocked = await cli("incident", "advance", id);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/required task\(s\) not done/);
    expect(blocked.stderr).toMatch(/blocking: \[detection\]/);

    for (const phase of ["containment", "eradication", "recovery", "post_incident"]) {
      const shown = json((await cli("incident", "show", id, "--json")).stdout);
      const blocking = shown.incident.blocking_tasks.map((t: { id: string }) => t.id.slice(-8));
      expect((await cli("incident", "task", id, ...blocking, "--done")).code).toBe(0);
      const advanced = await cli("incident", "advance", id, "--json");
      expect(advanced.code, advanced.stderr).toBe(0);
      expect(json(advanced.stdout).phase).toBe(phase);
    }
    const { tasks } = json((await cli("incident", "show", id, "--json")).stdout);
    const remediation = tasks
      .filter((x: { phase: string }) => x.phase === "remediation")
      .map((t: { id: string }) => t.id);
    expect((await cli("incident", "task", id, ...remediation, "--follow-up")).code).toBe(0);
    const note = await cli("incident", "note", id, "Lessons: EDR tamper protection was off");
    expect(note.code).toBe(0);
    // An emergency closes after its RCA, lessons review and after-action report, or by override.
    const unworked = await cli("incident", "close", id);
    expect(unworked.code).toBe(1);
    expect(unworked.stderr).toMatch(/cannot close: .*an after-action report/);
    const closed = await cli(
      "incident",
      "close",
      id,
      "--override",
      "--reason",
      "Contained on one workstation; the review is folded into INC-2026-0002",
      "--json",
    );
    expect(closed.code, closed.stderr).toBe(0);
    expect(json(closed.stdout).phase).toBe("closed");

    const verified = await cli("verify", id);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/intact/);
  });

  it("exits 2 on bad input and names the problem", async () => {
    const res = await cli("incident", "declare", "--type", "alien", "--title", "x");
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/unknown incident type 'alien'/);
    expect(
      (await cli("incident", "declare", "--type", "malware", "--title", "x", "--attr", "novalue"))
        .code,
    ).toBe(2);
  });
});

describe("firebreak incident on the local database", () => {
  it("declares, shows, and has verify name a tampered timeline entry", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "fb-cli-"));
    const local = ["--data-dir", dataDir];
    const declared = await runCli([
      "incident",
      "declare",
      "--type",
      "phishing",
      "--title",
      "Invoice lure",
      "--json",
      ...local,
    ]);
    expect(declared.code, declared.stderr).toBe(0);
    const id = json(declared.stdout).human_id;
    expect((await runCli(["incident", "note", id, "Clicked by 3 users", ...local])).code).toBe(0);
    const shown = await runCli(["incident", "show", id, ...local]);
    expect(shown.stdout).toMatch(/\[detection\] → containment/);
    expect((await runCli(["verify", ...local])).code).toBe(0);

    const db = openDatabase({ sqliteFile: sqliteFileIn(dataDir) });
    await throughRetention(db, (tx) =>
      sql`update timeline set payload = replace(payload, 'Clicked by 3', 'Clicked by 4') where seq = 2`.execute(
        tx,
      ),
    );
    await db.close();
    const verdict = await runCli(["verify", "--json", ...local]);
    expect(verdict.code).toBe(1);
    expect(json(verdict.stdout).verdicts[0]).toMatchObject({
      incident: id,
      intact: false,
      first_bad_seq: 2,
    });
  });
});
