/**
 * The SigmaHQ corpus (read from ../shared beside the repository, never copied into it): every
 * rule loads, every regression case matches, and the prefilter never changes results.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RE2JS } from "re2js";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { generateEvents } from "../../../bench/detect.js";
import { parseEventsText } from "../events/json-stream.js";
import { loadRules, type RuleSet, SigmaEngine } from "./index.js";
import { SERVICE_ALIASES, WINDOWS_CATEGORIES, WINDOWS_CHANNELS } from "./mapping-windows.js";
import { compileRegexInfo } from "./regex.js";

/** Windows categories that no event log produces (ETW Kernel-File telemetry). */
const NOT_FROM_EVENT_LOGS = new Set(["file_access", "file_rename"]);

const here = fileURLToPath(new URL(".", import.meta.url));
const CORPUS = resolve(here, "..", "..", "..", "..", "shared", "corpus", "sigma");
const present = existsSync(join(CORPUS, "rules"));
if (!present) console.warn(`SigmaHQ corpus tests skipped: no corpus at ${CORPUS}`);

/**
 * Rules that cannot be supported, with the reason. Empty: every rule of the corpus loads.
 * (Keep it that way; if a rule must be listed, say why.)
 */
const UNSUPPORTED: Record<string, string> = {};

interface RegressionCase {
  rule_id: string;
  rule: string;
  events: string;
  expect: string;
}

function events(file: string): Record<string, unknown>[] {
  const items = parseEventsText(readFileSync(join(CORPUS, file), "utf8"));
  const bad = items.filter((i) => i.kind === "error");
  expect(bad).toEqual([]);
  return items.flatMap((i) => (i.kind === "event" ? [i.value as Record<string, unknown>] : []));
}

describe.skipIf(!present)("SigmaHQ corpus", () => {
  let set: RuleSet;
  let engine: SigmaEngine;

  beforeAll(() => {
    set = loadRules(
      ["rules", "rules-emerging-threats", "rules-threat-hunting"].map((d) => join(CORPUS, d)),
    );
    engine = new SigmaEngine(set);
  });

  it("loads every rule", () => {
    const failures = set.failures
      .filter((f) => !UNSUPPORTED[f.file.slice(CORPUS.length + 1)])
      .map((f) => `${f.file.slice(CORPUS.length + 1)}: ${f.reason}`);
    expect(failures).toEqual([]);
    expect(set.rules.length).toBeGreaterThan(3000);
  });

  it("maps every Windows service and category the rules use", () => {
    const services = new Set(
      Object.values(WINDOWS_CHANNELS).flatMap((c) => [
        c.service,
        ...(SERVICE_ALIASES[c.service] ?? []),
      ]),
    );
    const categories = new Set(WINDOWS_CATEGORIES.map((c) => c.category));
    const windows = set.rules.filter((r) => r.logsource.product === "windows");
    const missing = new Set<string>();
    for (const r of windows) {
      const { service, category } = r.logsource;
      if (service && !services.has(service)) missing.add(`service ${service}`);
      if (category && !categories.has(category) && !NOT_FROM_EVENT_LOGS.has(category)) {
        missing.add(`category ${category}`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it("matches every regression case", () => {
    const cases = JSON.parse(
      readFileSync(join(CORPUS, "regression.json"), "utf8"),
    ) as RegressionCase[];
    expect(cases.length).toBeGreaterThan(0);
    const missed: string[] = [];
    for (const c of cases) {
      const hit = events(c.events).some((e) =>
        engine.match(e).some((m) => m.rule.id === c.rule_id),
      );
      if (hit !== (c.expect === "match")) missed.push(`${c.rule} (${c.events})`);
    }
    expect(missed).toEqual([]);
  });

  it("gives the same results with and without the prefilter (after self-tuning too)", () => {
    const sample = parseEventsText(generateEvents(3000, 7)).flatMap((i) =>
      i.kind === "event" ? [i.value as Record<string, unknown>] : [],
    );
    const fast = new SigmaEngine(set);
    const slow = new SigmaEngine(set, { prefilter: false });
    // Warm the fast engine up past its self-tuning point, then compare on a slice.
    for (const e of sample) fast.match(e);
    let total = 0;
    for (const e of sample.slice(0, 500)) {
      const a = fast.match(e).map((m) => m.rule.id);
      const b = slow.match(e).map((m) => m.rule.id);
      expect(a).toEqual(b);
      total += a.length;
    }
    expect(total).toBeGreaterThan(0);
  });

  it("answers like RE2 for every corpus regex, whichever engine runs it", () => {
    const regexes = new Map<string, { i: boolean; m: boolean; s: boolean }>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") {
        for (const [k, x] of Object.entries(v)) {
          const mods = k.split("|");
          if (mods.includes("re")) {
            const flags = { i: mods.includes("i"), m: mods.includes("m"), s: mods.includes("s") };
            for (const r of Array.isArray(x) ? x : [x]) regexes.set(String(r), flags);
          } else walk(x);
        }
      }
    };
    for (const f of new Set(set.rules.map((r) => r.file))) {
      for (const doc of parseAllDocuments(readFileSync(f, "utf8")))
        walk((doc.toJS() as { detection?: unknown }).detection);
    }
    expect(regexes.size).toBeGreaterThan(100);
    const values = new Set<string>();
    for (const item of parseEventsText(generateEvents(300, 3))) {
      if (item.kind !== "event") continue;
      const data = (item.value as { Event: { EventData: Record<string, unknown> } }).Event
        .EventData;
      for (const v of Object.values(data)) values.add(String(v));
    }
    for (const r of regexes.keys()) values.add(r.replace(/[\\^$()[\]{}|?*+]/g, ""));
    const engines = new Set<string>();
    for (const [r, flags] of regexes) {
      const ours = compileRegexInfo(r, flags);
      engines.add(ours.engine);
      let f = 0;
      if (flags.i) f |= RE2JS.CASE_INSENSITIVE;
      if (flags.m) f |= RE2JS.MULTILINE;
      if (flags.s) f |= RE2JS.DOTALL;
      const ref = RE2JS.compile(r, f);
      for (const v of values)
        if (ours.test(v) !== ref.test(v)) expect([r, v, ours.test(v)]).toEqual([r, v, ref.test(v)]);
    }
    expect([...engines].sort()).toEqual(["glob", "native", "re2"]);
  });

  it("does not match unrelated events", () => {
    // A benign process start: only a handful of broad hunting rules may fire.
    const benign = {
      EventID: 1,
      Channel: "Microsoft-Windows-Sysmon/Operational",
      Image: "C:\\Windows\\System32\\notepad.exe",
      OriginalFileName: "NOTEPAD.EXE",
      CommandLine: '"C:\\Windows\\System32\\notepad.exe" C:\\Users\\jdoe\\todo.txt',
      ParentImage: "C:\\Windows\\explorer.exe",
      ParentCommandLine: "C:\\Windows\\Explorer.EXE",
      User: "CORP\\jdoe",
      IntegrityLevel: "Medium",
    };
    expect(engine.match(benign).map((m) => m.rule.title)).toEqual([]);
  });
});
