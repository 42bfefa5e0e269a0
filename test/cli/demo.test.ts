import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

describe("firebreak demo", () => {
  it("loads the scenario into a fresh database once, and the CLI then shows its incidents", async () => {
    const where = ["--data-dir", mkdtempSync(join(tmpdir(), "firebreak-demo-"))];
    const first = await runCli(["demo", ...where]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^demo loaded: INC-\d{4}-\d{4} waiting for acknowledgement/);
    expect(first.stdout).toMatch(/report: INC-\d{4}-\d{4} after-action \(md\) v1/);

    const listed = await runCli(["incident", "list", "--all", "--json", ...where]);
    expect(listed.code, listed.stderr).toBe(0);
    const { items } = JSON.parse(listed.stdout) as { items: { phase: string }[] };
    const phases = items.map((i) => i.phase);
    expect(phases.filter((p) => p === "closed")).toHaveLength(7);

    const again = await runCli(["demo", ...where]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already loaded .* nothing changed/);
  });
});
