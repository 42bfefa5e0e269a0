import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../src/runtime.js";
import type { App } from "../../src/server/app.js";
import { runCli } from "../support/cli.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { benign, detectionApp } from "../support/detection.js";
import { deepJson } from "../support/hostile-input.js";
import { testRuntime } from "../support/runtime.js";

describe("firebreak ingest with an event too deep to store", () => {
  let rt: Runtime;
  let app: App;
  let server: string[];
  beforeAll(async () => {
    rt = await testRuntime(TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number]);
    app = await detectionApp(rt);
    await app.listen({ port: 0, host: "127.0.0.1" });
    server = ["--server", `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`];
  });
  afterAll(async () => {
    await app.close();
    await rt.close();
  });

  it("stores the others, names the deep one by line and counts it as rejected", {
    timeout: 180_000,
  }, async () => {
    const file = join(mkdtempSync(join(tmpdir(), "firebreak-cli-deep-")), "events.ndjson");
    const good = Array.from({ length: 999 }, (_, i) => JSON.stringify(benign("CLI-DEEP", i)));
    writeFileSync(
      file,
      `${[...good.slice(0, 10), deepJson(5000), ...good.slice(10)].join("\n")}\n`,
    );
    const res = await runCli(["ingest", file, "--json", ...server]);
    expect(res.code, res.stderr).toBe(2);
    const summary = JSON.parse(res.stdout);
    expect(summary).toMatchObject({ events: 1000, accepted: 999, rejected: 1 });
    expect(summary.failed).toBeUndefined();
    expect(summary.errors).toEqual([
      { line: 11, reason: expect.stringMatching(/nested deeper than 64 levels/) },
    ]);
    const text = await runCli(["ingest", file, ...server]);
    expect(text.stdout).toMatch(/^999 of 1000 event\(s\) stored in 1 batch\(es\), 1 rejected/);
    expect(text.stderr).toMatch(/line 11: event nested deeper than 64 levels/);
  });
});
