import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { type InputEvent, type InputProblem, readEventInputs } from "./input.js";

const dir = mkdtempSync(join(tmpdir(), "firebreak-input-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(paths: string[], stdin?: AsyncIterable<Uint8Array>) {
  const problems: InputProblem[] = [];
  const events: InputEvent[] = [];
  for await (const e of readEventInputs(paths, { stdin, onProblem: (p) => problems.push(p) })) {
    events.push(e);
  }
  return { events, problems };
}

/** Yields the bytes one at a time, so that sniffing has to gather its head across chunks. */
async function* byteByByte(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (const b of bytes) yield Uint8Array.of(b);
}

describe("readEventInputs", () => {
  it("reads NDJSON, a JSON array and gzip-compressed NDJSON alike", async () => {
    const ndjson = join(dir, "a.ndjson");
    writeFileSync(ndjson, '{"n":1}\n{"n":2}\n');
    const array = join(dir, "b.json");
    writeFileSync(array, '[{"n":3},\n{"n":4}]');
    const gz = join(dir, "c.ndjson.gz");
    writeFileSync(gz, gzipSync('{"n":5}\n{"n":6}\n'));
    const { events, problems } = await readAll([ndjson, array, gz]);
    expect(problems).toEqual([]);
    expect(events.map((e) => (e.event as { n: number }).n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events[5]).toMatchObject({ source: gz, line: 2 });
  });

  it("reads every file under a folder in name order, sub-folders at their place", async () => {
    const root = join(dir, "tree");
    mkdirSync(join(root, "b-sub"), { recursive: true });
    writeFileSync(join(root, "c.json"), '{"n":"c"}');
    writeFileSync(join(root, "a.json"), '{"n":"a"}');
    writeFileSync(join(root, "b-sub", "z.json"), '{"n":"b/z"}');
    const { events } = await readAll([root]);
    expect(events.map((e) => (e.event as { n: string }).n)).toEqual(["a", "b/z", "c"]);
  });

  it("sniffs stdin delivered a byte at a time, gzip included", async () => {
    const { events } = await readAll(["-"], byteByByte(gzipSync('{"n":7}\n')));
    expect(events).toEqual([{ event: { n: 7 }, source: "-", line: 1 }]);
  });

  it("reports a missing file, malformed JSON and broken gzip, and goes on", async () => {
    const bad = join(dir, "bad.ndjson");
    writeFileSync(bad, '{"n":8}\n{"n":\n{"n":9}\n');
    const badGz = join(dir, "bad.gz");
    writeFileSync(badGz, gzipSync('{"n":10}\n').subarray(0, 12));
    const missing = join(dir, "missing.json");
    const { events, problems } = await readAll([missing, bad, badGz]);
    expect(events.map((e) => (e.event as { n: number }).n)).toEqual([8, 9]);
    expect(problems[0]).toEqual({ source: missing, reason: "no such file or folder" });
    expect(problems[1]).toMatchObject({ source: bad, line: 2 });
    expect(problems[2]?.source).toBe(badGz);
    expect(problems).toHaveLength(3);
  });

  it("reports stdin asked for but not given", async () => {
    const { problems } = await readAll(["-"]);
    expect(problems).toEqual([{ source: "-", reason: "standard input is not available" }]);
  });
});
