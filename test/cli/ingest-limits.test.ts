import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { TEST_DIALECTS, type TestDialect } from "../support/databases.js";
import { benign, listeningDetection } from "../support/detection.js";
import { deepJson } from "../support/hostile-input.js";

describe("firebreak ingest with an event too deep to store", () => {
  const served = listeningDetection(TEST_DIALECTS[0] as TestDialect);

  it("stores the others, names the deep one by line and counts it as rejected", {
    timeout: 180_000,
  }, async () => {
    const file = join(mkdtempSync(join(tmpdir(), "firebreak-cli-deep-")), "events.ndjson");
    const good = Array.from({ length: 999 }, (_, i) => JSON.stringify(benign("CLI-DEEP", i)));
    writeFileSync(
      file,
      `${[...good.slice(0, 10), deepJson(5000), ...good.slice(10)].join("\n")}\n`,
    );
    const res = await runCli(["ingest", file, "--json", ...served.server]);
    expect(res.code, res.stderr).toBe(2);
    const summary = JSON.parse(res.stdout);
    expect(summary).toMatchObject({ events: 1000, accepted: 999, rejected: 1 });
    expect(summary.failed).toBeUndefined();
    expect(summary.errors).toEqual([
      { line: 11, reason: expect.stringMatching(/nested deeper than 64 levels/) },
    ]);
    const text = await runCli(["ingest", file, ...served.server]);
    expect(text.stdout).toMatch(/^999 of 1000 event\(s\) stored in 1 batch\(es\), 1 rejected/);
    expect(text.stderr).toMatch(/line 11: event nested deeper than 64 levels/);
  });
});
