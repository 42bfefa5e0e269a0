import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { READINESS_COMPONENTS } from "../../src/domain/preparation-kind.js";
import { runCli } from "../support/cli.js";

/** The preparation commands on a local database (the API in-process, no server). */
describe("firebreak readiness, preparation, plan, exercise on the local database", () => {
  const dir = mkdtempSync(join(tmpdir(), "fb-prep-cli-"));
  const local = ["--data-dir", join(dir, "data")];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("shows the readiness breakdown with a bar, records a completion, and refuses one without evidence", async () => {
    const text = await runCli(["readiness", ...local]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Readiness \d+\/100 {2}[█░]{20}$/m);
    expect(text.stdout).toMatch(/✗ Incident types exercised +0\.0\/15 +0 of 11 types/);
    expect(text.stdout).toContain("- Ransomware (ransomware) not exercised within P12M");

    const refused = await runCli(["preparation", "complete", "backup-restore-test", ...local]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/recorded with evidence: restore job log/);
    const done = await runCli([
      "preparation",
      "complete",
      "backup-restore-test",
      "--evidence",
      "restore log RST-118",
      "--json",
      ...local,
    ]);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ activity: { state: "ok" } });

    const json = await runCli(["readiness", "--json", "--fail-under", "99", ...local]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).components.map((c: { id: string }) => c.id)).toEqual([
      ...READINESS_COMPONENTS,
    ]);
  }, 180_000);

  it("submits and approves the plan, and diffs versions", async () => {
    expect((await runCli(["plan", "submit", "--note", "yearly", ...local])).code).toBe(0);
    for (const p of ["margaret-osei", "william-harper", "robert-chen"]) {
      const r = await runCli(["plan", "approve", "--as", p, ...local]);
      expect(r.code, r.stderr).toBe(0);
    }
    const status = await runCli(["plan", "status", ...local]);
    expect(status.stdout).toMatch(/v1 in force is approved/);
    expect(status.stdout).toMatch(/signed by margaret-osei .*william-harper .*robert-chen/);
    const diff = await runCli(["plan", "diff", "approved", "current", "--json", ...local]);
    expect(JSON.parse(diff.stdout)).toMatchObject({ identical: true });
  }, 180_000);

  it("runs the ransomware exercise in-process at 3600× and writes its report", async () => {
    const run = await runCli([
      "exercise",
      "run",
      "ransomware-phishing",
      "--speed",
      "3600",
      "--json",
      ...local,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const view = JSON.parse(run.stdout);
    expect(view).toMatchObject({ status: "finished", incidents: [{ type: "ransomware" }] });
    expect(view.incidents[0].human_id).toMatch(/^EXR-/);
    // At 3600× a second of processing is an hour of scenario: only that it was scored is certain.
    expect(view.score.items.map((x: { id: string }) => x.id)).toContain("target:declare");
    const report = await runCli([
      "exercise",
      "report",
      view.human_id,
      "--format",
      "md",
      "--out",
      "-",
      ...local,
    ]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain(`Exercise after-action report: ${view.title}`);
    expect(report.stdout).toContain(view.incidents[0].human_id);
  }, 180_000);
});
