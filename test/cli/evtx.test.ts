/**
 * The native EVTX reader against the reference, python-evtx (`evtx_dump.py`, Debian's
 * python3-evtx), on the attack samples of ../shared/corpus/evtx (never copied into the repo):
 * `firebreak events dump` prints as many events as the reference has `<Event>` elements, with
 * the same EventRecordID, EventID, Channel, Computer, TimeCreated and EventData/UserData values.
 * Then detection: the samples read as EVTX and the same events dumped to NDJSON raise the same
 * matches. Skips, saying why, without the corpus or without python3-evtx.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { filesUnder } from "../../src/detection/events/input.js";
import { FIREBREAK_BIN, runCli } from "../support/cli.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const SHARED = resolve(here, "..", "..", "..", "shared", "corpus");
const SAMPLES = join(SHARED, "evtx", "samples");
const RULES = join(SHARED, "sigma", "rules");

/** The python that runs evtx_dump.py (its #! line), or undefined when it is not installed. */
function referencePython(): string | undefined {
  try {
    const script = execFileSync("sh", ["-c", "command -v evtx_dump.py"]).toString().trim();
    const shebang = readFileSync(script, "utf8").split("\n", 1)[0] ?? "";
    return /^#!\s*(\S+)/.exec(shebang)?.[1];
  } catch {
    return undefined;
  }
}

const corpus = existsSync(SAMPLES);
const python = referencePython();
const reference = python !== undefined;
if (!corpus) console.warn(`EVTX reference tests skipped: no samples at ${SAMPLES}`);
else if (!reference)
  console.warn("EVTX reference tests skipped: evtx_dump.py (python3-evtx) absent");

/**
 * evtx_dump.py's loop, run once for every file instead of once per file (python's start-up
 * dominates otherwise); each file's records are preceded by a marker line.
 */
const REFERENCE_SCRIPT = `
import sys
from Evtx.Evtx import Evtx
for path in sys.argv[1:]:
    print("\\x1e" + path)
    with Evtx(path) as log:
        for record in log.records():
            print(record.xml())
`;

type Xml = Record<string, unknown>;
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: (_name, path, _leaf, isAttribute) => !isAttribute && String(path).includes("."),
});

/** Text of an XML-parsed element (fast-xml-parser leaves an empty element as ""). */
function xmlText(el: unknown): string {
  if (typeof el === "string") return el;
  if (el && typeof el === "object" && "#text" in el) return String((el as Xml)["#text"]);
  return "";
}

/** The named values of EventData / UserData: Data Name=… → text, other leaves by their name. */
function referenceData(el: unknown, out: Record<string, string[]>): void {
  if (!el || typeof el !== "object") return;
  for (const [name, items] of Object.entries(el as Xml)) {
    if (name.startsWith("@") || name === "#text") continue;
    for (const item of items as unknown[]) {
      const attrs = item && typeof item === "object" ? (item as Xml) : {};
      const children = Object.keys(attrs).filter((k) => !k.startsWith("@") && k !== "#text");
      if (children.length > 0) referenceData(item, out);
      else {
        const key = typeof attrs["@Name"] === "string" ? (attrs["@Name"] as string) : name;
        out[key] = [...(out[key] ?? []), xmlText(item)];
      }
    }
  }
}

function ourData(el: unknown, out: Record<string, string[]>, name = ""): void {
  if (el === null || typeof el !== "object" || Array.isArray(el)) {
    const values = Array.isArray(el) ? el : [el];
    for (const v of values) {
      if (v !== null && typeof v === "object") ourData(v, out, name);
      else out[name] = [...(out[name] ?? []), v === null ? "" : String(v)];
    }
    return;
  }
  for (const [k, v] of Object.entries(el as Xml)) {
    if (k === "#attributes") continue;
    ourData(v, out, k === "#text" ? name : k);
  }
}

/** Microseconds since 1970 of python's `2019-05-19 17:32:00.482983` and our ISO form. */
function micros(t: string): number {
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?Z?$/.exec(t);
  if (!m) return Number.NaN;
  return Date.parse(`${m[1]}T${m[2]}Z`) * 1000 + Number((m[3] ?? "").padEnd(6, "0"));
}

/**
 * Whether our value is the reference's, written the way evtx_dump writes it where python-evtx
 * differs: hexadecimal integers unpadded (python pads), binary as hex (python: base64), GUIDs
 * upper-case, FILETIMEs as ISO (python computes them in floating point, up to 2 µs off; ours
 * are exact). Line ends as an XML parser reads them (CR LF → LF), as it did the reference's.
 */
function sameValue(value: string, ref: string): boolean {
  const ours = value.replace(/\r\n?/g, "\n");
  if (ours === ref) return true;
  if (/^0x[0-9a-f]+$/i.test(ours) && /^(0x[0-9a-f]+|\d+)$/i.test(ref)) {
    return BigInt(ours) === BigInt(ref);
  }
  if (/^\{[0-9A-F-]{36}\}$/.test(ours)) return ours.toLowerCase() === ref.toLowerCase();
  if (/^\d{4}-\d\d-\d\dT.*Z$/.test(ours)) return Math.abs(micros(ours) - micros(ref)) <= 2;
  if (/^[0-9A-F]+$/.test(ours) && ours.length % 2 === 0 && ref !== "") {
    return Buffer.from(ref, "base64").toString("hex").toUpperCase() === ours;
  }
  if (ours === "true" || ours === "false") return ref === (ours === "true" ? "True" : "False");
  return false;
}

/** python-evtx writes a string array as `<string>a</string>\n<string>b</string>\n`; ours is a JSON array. */
function stringArray(ref: string): string[] {
  if (!ref.startsWith("<string>")) return [ref];
  return [...ref.matchAll(/<string>([\s\S]*?)<\/string>\n/g)].map((m) => m[1] as string);
}

interface Compared {
  file: string;
  reference: number;
  ours: number;
  mismatches: string[];
}

describe.skipIf(!corpus || !reference)("EVTX against python-evtx", () => {
  let files: string[];
  let dumped: Xml[];
  let dumpStderr: string;
  const dir = mkdtempSync(join(tmpdir(), "firebreak-evtx-"));
  const ndjson = join(dir, "samples.ndjson");

  beforeAll(async () => {
    files = (await filesUnder(SAMPLES)).filter((f) => f.endsWith(".evtx"));
    const res = await runCli(["events", "dump", SAMPLES]);
    expect(res.code, res.stderr).toBe(0);
    dumpStderr = res.stderr;
    writeFileSync(ndjson, res.stdout);
    dumped = res.stdout
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l));
  }, 120_000);

  it("dumps every sample with the reference's records and values", { timeout: 300_000 }, () => {
    expect(files.length).toBeGreaterThanOrEqual(50);
    const out = execFileSync(python as string, ["-c", REFERENCE_SCRIPT, ...files], {
      maxBuffer: 1 << 30,
    }).toString("utf8");
    const results: Compared[] = [];
    let next = 0;
    for (const part of out.split("\x1e").slice(1)) {
      const nl = part.indexOf("\n");
      const file = part.slice(0, nl);
      // python-evtx declares XML 1.1 per record; parse the records alone.
      const body = part.slice(nl + 1).replace(/<\?xml[^>]*\?>/g, "");
      const events = (xml.parse(`<R>${body}</R>`) as { R: Xml }).R?.Event as Xml[] | undefined;
      const refEvents = events ?? [];
      const cmp: Compared = { file, reference: refEvents.length, ours: 0, mismatches: [] };
      results.push(cmp);
      for (const ref of refEvents) {
        const ours = dumped[next++]?.Event as Xml | undefined;
        if (!ours) break;
        cmp.ours++;
        compareEvent(ref, ours, cmp);
      }
    }
    expect(next, "events dumped beyond the reference's").toBe(dumped.length);
    const bad = results.filter((r) => r.reference !== r.ours || r.mismatches.length > 0);
    expect(bad, JSON.stringify(bad.slice(0, 3), null, 2)).toEqual([]);
    expect(results.reduce((n, r) => n + r.reference, 0)).toBe(dumped.length);
    expect(dumpStderr).toMatch(
      new RegExp(`^${dumped.length} event\\(s\\) from ${files.length} input`, "m"),
    );
  });

  it("detects the same matches in the EVTX files and in their NDJSON dump", {
    timeout: 300_000,
  }, async () => {
    const matches = async (events: string) => {
      const res = await runCli(["detect", "--rules", RULES, "--events", events]);
      expect(res.code, res.stderr).toBe(0);
      return res.stdout
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as { rule_id: string; event_index: number })
        .map((m) => `${m.event_index} ${m.rule_id}`)
        .sort();
    };
    const [fromEvtx, fromNdjson] = await Promise.all([matches(SAMPLES), matches(ndjson)]);
    expect(fromEvtx.length).toBeGreaterThan(0);
    expect(fromEvtx).toEqual(fromNdjson);
  });
});

describe("firebreak events dump", () => {
  const dir = mkdtempSync(join(tmpdir(), "firebreak-dump-"));

  it("prints JSON, gzip and stdin inputs as NDJSON, with problems and a summary on stderr", async () => {
    writeFileSync(join(dir, "a.json"), '[{"n":1},{"n":2}]');
    writeFileSync(join(dir, "b.ndjson.gz"), gzipSync('{"n":3}\n{"n":\n'));
    const res = await runCli(["events", "dump", dir, "-"], { input: '{"n":4}' });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe('{"n":1}\n{"n":2}\n{"n":3}\n{"n":4}\n');
    expect(res.stderr).toContain(`${join(dir, "b.ndjson.gz")}:2:`);
    expect(res.stderr).toMatch(/^4 event\(s\) from 3 input\(s\); 0 warning\(s\), 1 problem\(s\)$/m);
  });

  it("stops quietly when the reader closes the pipe", async () => {
    const big = join(dir, "big.ndjson");
    writeFileSync(big, '{"n":1}\n'.repeat(200_000));
    const res = spawnSync(
      "bash",
      ["-c", 'node "$0" events dump "$1" | head -n 1; exit $PIPESTATUS', FIREBREAK_BIN, big],
      { encoding: "utf8" },
    );
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toBe('{"n":1}\n');
    expect(res.stderr).not.toMatch(/EPIPE|Error/);
  });

  it("exits 2 when nothing could be read", async () => {
    const res = await runCli(["events", "dump", join(dir, "missing.evtx")]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe("");
    expect(res.stderr).toContain(`${join(dir, "missing.evtx")}: no such file or folder`);
  });

  it.skipIf(!corpus)("reads a gzip-compressed .evtx like the file itself", async () => {
    const [sample] = (await filesUnder(SAMPLES)).filter((f) => f.endsWith(".evtx"));
    const gz = join(dir, "sample.evtx.gz");
    writeFileSync(gz, gzipSync(readFileSync(sample as string)));
    const [plain, zipped] = await Promise.all([
      runCli(["events", "dump", sample as string]),
      runCli(["events", "dump", gz]),
    ]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).not.toBe("");
    expect(zipped.stdout).toBe(plain.stdout);
  });
});

function compareEvent(ref: Xml, ours: Xml, cmp: Compared): void {
  const refSystem = (ref.System as Xml[])[0] as Xml;
  const system = ours.System as Xml;
  const id = xmlText((refSystem.EventRecordID as unknown[])[0]);
  const say = (what: string, a: unknown, b: unknown) =>
    cmp.mismatches.push(
      `record ${id}: ${what}: ours ${JSON.stringify(a)}, reference ${JSON.stringify(b)}`,
    );
  for (const name of ["EventRecordID", "EventID", "Channel", "Computer"]) {
    const refValue = xmlText((refSystem[name] as unknown[])[0]);
    const v = system[name];
    const value = v !== null && typeof v === "object" ? (v as Xml)["#text"] : v;
    if (String(value ?? "") !== refValue) say(name, value, refValue);
  }
  const refTime = String(((refSystem.TimeCreated as Xml[])[0] as Xml)["@SystemTime"]);
  const time = ((system.TimeCreated as Xml)["#attributes"] as Xml).SystemTime as string;
  if (!sameValue(time, refTime)) say("TimeCreated", time, refTime);
  for (const part of ["EventData", "UserData"]) {
    const refData: Record<string, string[]> = {};
    for (const el of (ref[part] as unknown[]) ?? []) referenceData(el, refData);
    const data: Record<string, string[]> = {};
    if (ours[part] !== undefined) ourData(ours[part], data, part === "EventData" ? "Data" : part);
    for (const key of new Set([...Object.keys(refData), ...Object.keys(data)])) {
      const a = data[key] ?? [];
      const b = (refData[key] ?? []).flatMap(stringArray);
      if (a.length !== b.length || a.some((v, i) => !sameValue(v, b[i] as string))) {
        say(`${part}/${key}`, a, b);
      }
    }
  }
}
