import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { runCli } from "../support/cli.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { ransomwareWithRecords } from "../support/postincident.js";
import { testRuntime } from "../support/runtime.js";

const json = (stdout: string) => JSON.parse(stdout);

describe("firebreak rca, lessons, actions, report and metrics against a server", () => {
  let rt: Runtime;
  let app: App;
  let server: string[];
  const dir = mkdtempSync(join(tmpdir(), "fb-cli-pi-"));
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

  it("works the post-incident steps and writes reports", { timeout: 400_000 }, async () => {
    const { incident } = await ransomwareWithRecords(rt);
    const id = incident.human_id;

    const started = await cli(
      "rca",
      "start",
      "--incident",
      id,
      "--scope",
      "How FS01 was encrypted",
      "--json",
    );
    expect(started.code, started.stderr).toBe(0);
    const rca = json(started.stdout).human_id;
    const cause = await cli(
      "rca",
      "cause",
      rca,
      "--statement",
      "The VPN accepted a password without MFA",
      "--evidence",
      "timeline:1",
      "--factor",
      "No conditional access",
      "--json",
    );
    expect(cause.code, cause.stderr).toBe(0);
    const causeId = json(cause.stdout).cause.id.slice(-8);
    expect((await cli("rca", "cause", rca, "--statement", "x", "--evidence", "bogus")).code).toBe(
      2,
    );
    const root = await cli("rca", "root", rca, causeId);
    expect(root.code, root.stderr).toBe(0);
    expect(root.stdout).toMatch(/ROOT CAUSE: The VPN accepted a password without MFA/);
    expect((await cli("rca", "solution", rca, "--summary", "FIDO2 MFA on the VPN")).code).toBe(0);

    const added = await cli(
      "actions",
      "add",
      "--rca",
      rca,
      "--title",
      "Enforce FIDO2 on the VPN",
      "--owner",
      "kenji-sato",
      "--due",
      "2020-01-01",
      "--json",
    );
    expect(added.code, added.stderr).toBe(0);
    const act = json(added.stdout).human_id;
    const overdue = await cli("actions", "list", "--overdue");
    expect(overdue.stdout).toContain(act);
    expect(overdue.stdout).toMatch(/OVERDUE by/);
    expect(
      (await cli("actions", "add", "--title", "x", "--owner", "nobody", "--due", "2030-01-01"))
        .code,
    ).toBe(2);
    const done = await cli("actions", "done", act, "--verification", "Password-only login refused");
    expect(done.code, done.stderr).toBe(0);
    expect((await cli("actions", "list", "--overdue")).stdout).toMatch(/no overdue action items/);

    const review = join(dir, "review.yml");
    writeFileSync(
      review,
      [
        "what_happened: Phished VPN credentials let the attacker encrypt FS01.",
        "learned: [MFA on every remote access path]",
        "proposals:",
        "  - target: { kind: procedure, step_id: isolate-infected-hosts }",
        "    change: Isolate at the switch port when EDR isolation fails",
      ].join("\n"),
    );
    const recorded = await cli("lessons", "record", id, "--file", review);
    expect(recorded.code, recorded.stderr).toBe(0);
    const search = await cli("lessons", "search", "phished", "vpn");
    expect(search.stdout).toContain(id);

    const out = join(dir, "aar.pdf");
    const pdf = await cli(
      "report",
      id,
      "--kind",
      "after-action",
      "--format",
      "pdf",
      "--out",
      out,
      "--json",
    );
    expect(pdf.code, pdf.stderr).toBe(0);
    const meta = json(pdf.stdout);
    expect(meta).toMatchObject({ kind: "after-action", format: "pdf", version: 1, path: out });
    expect(readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");
    const md = await cli("report", id, "--kind", "executive", "--format", "md", "--out", "-");
    expect(md.stdout).toMatch(/^# Executive briefing/);
    expect(md.stderr).toMatch(/wrote stdout/);
    const listed = await cli("report", id, "--list", "--json");
    expect(json(listed.stdout).items).toHaveLength(2);

    const metrics = await cli("metrics");
    expect(metrics.code, metrics.stderr).toBe(0);
    expect(metrics.stdout).toMatch(/MTTA time to acknowledge/);
    expect(metrics.stdout).toMatch(/plan adherence/);
  });
});
