import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import {
  minimalPlan,
  minimalProcedure,
  procedureStep,
  writeLibrary,
} from "../support/documents.js";

describe("firebreak lint", () => {
  it("passes a consistent set with exit 0", async () => {
    const res = await runCli(["lint", writeLibrary(minimalPlan(), minimalProcedure())]);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/0 error\(s\), 0 warning\(s\)/);
  });

  it("exits 1 naming file:line:column for an undefined role and a severity without escalation", async () => {
    const proc = minimalProcedure();
    (proc.steps as Record<string, unknown[]>).containment = [procedureStep("isolate", "janitor")];
    const plan = minimalPlan({
      escalation: [{ severity: "low", steps: [{ notify: ["role:commander"], after: "PT5M" }] }],
    });
    const dir = writeLibrary(plan, proc);
    const res = await runCli(["lint", dir]);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(
      /documents\.yml:\d+:\d+ severity 'high' has no escalation path \[error\]/,
    );
    expect(res.stdout).toMatch(
      /documents\.yml:\d+:\d+ role 'janitor' is not defined in the plan \[error\]/,
    );

    const json = await runCli(["lint", dir, "--format", "json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      errors: 2,
      findings: [expect.objectContaining({ line: expect.any(Number) }), expect.anything()],
    });
  });

  it("exits 1 with the position of a YAML syntax error", async () => {
    const dir = writeLibrary(minimalPlan());
    writeFileSync(join(dir, "broken.yml"), "kind: procedure\nid: x\ntitle: [unclosed\n");
    const res = await runCli(["lint", dir]);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/broken\.yml:\d+:\d+ .*\[error\]/);
  });
});

describe("firebreak init", () => {
  it("writes an editable copy of the built-in library and refuses a non-empty folder", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "fb-init-")), "lib");
    const res = await runCli(["init", dir, "--json"]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).path).toBe(dir);
    expect(readdirSync(dir)).toContain("plan.yml");
    const other = join(mkdtempSync(join(tmpdir(), "fb-init-")), "lib");
    const text = await runCli(["init", other]);
    // Serving a library into a database that has documents stores nothing: say how it is loaded.
    expect(text.stdout).toContain(`firebreak library sync --library ${other}`);
    const again = await runCli(["init", dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
  });
});

describe("configuration and usage errors", () => {
  it("lists every configuration problem and exits 2", async () => {
    const res = await runCli(["db", "migrate"], {
      env: { PORT: "abc", DATABASE_URL: "mysql://nope", LOG_LEVEL: "loud" },
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/DATABASE_URL/);
    expect(res.stderr).toMatch(/LOG_LEVEL/);
  });

  it("exits 2 when the database is unreachable", async () => {
    const res = await runCli(["serve", "--port", "0"], {
      env: { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" },
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/DATABASE_URL .* database unreachable/);
  });

  it("exits 2 on an unknown command and 0 on --help", async () => {
    expect((await runCli(["frobnicate"])).code).toBe(2);
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/serve/);
  });

  it("migrates an embedded database", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "fb-data-"));
    const res = await runCli(["db", "migrate", "--data-dir", dataDir, "--json"]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).applied).toContain("0001-documents");
  });
});
