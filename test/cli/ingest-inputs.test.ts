import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { TEST_DIALECTS, type TestDialect } from "../support/databases.js";
import { benign, listeningDetection } from "../support/detection.js";

const SAMPLE = resolve(
  import.meta.dirname,
  "../../../shared/corpus/evtx/samples/Credential Access/sysmon_10_11_lsass_memdump.evtx",
);

describe("firebreak ingest of folders, gzip and EVTX files", () => {
  const served = listeningDetection(TEST_DIALECTS[0] as TestDialect);

  it("reads every file of a folder whatever its format, naming each bad part by file and line", {
    timeout: 180_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "firebreak-cli-inputs-"));
    const folder = join(dir, "logs");
    mkdirSync(folder);
    const ndjson = (host: string, n: number) =>
      Array.from({ length: n }, (_, i) => JSON.stringify(benign(host, i))).join("\n");
    writeFileSync(join(folder, "a.ndjson"), `${ndjson("IN-1", 3)}\n{"broken": \n`);
    writeFileSync(
      join(folder, "b.json.gz"),
      gzipSync(`[${ndjson("IN-2", 2).split("\n").join(",")}]`),
    );
    const evtx = existsSync(SAMPLE);
    if (evtx) copyFileSync(SAMPLE, join(folder, "c.evtx"));
    else console.warn(`no EVTX file in this run: ${SAMPLE} is absent`);
    const records = evtx ? 4 : 0;

    const res = await runCli(["ingest", folder, "--json", ...served.server]);
    expect(res.code, res.stderr).toBe(2);
    const summary = JSON.parse(res.stdout);
    expect(summary).toMatchObject({
      input: folder,
      events: 6 + records,
      accepted: 5 + records,
      rejected: 1,
    });
    expect(summary.errors).toEqual([
      {
        file: join(folder, "a.ndjson"),
        line: 4,
        column: expect.any(Number),
        reason: expect.any(String),
      },
    ]);

    // Several inputs, one of them gzip without a telling name; stdin among them.
    const zipped = join(dir, "events");
    writeFileSync(zipped, gzipSync(readFileSync(join(folder, "a.ndjson"))));
    const two = await runCli(["ingest", zipped, "-", ...served.server], {
      input: ndjson("IN-3", 2),
    });
    expect(two.stdout).toMatch(/^5 of 6 event\(s\) stored/);
    expect(two.stderr).toContain(`${zipped} line 4`);
  });
});
