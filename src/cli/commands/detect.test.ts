import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { type DetectOptions, runDetect } from "./detect.js";

const dir = mkdtempSync(join(tmpdir(), "firebreak-detect-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const repo = resolve(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "..");

function write(rel: string, text: string): string {
  const p = join(dir, rel);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const WHOAMI = `title: Whoami Execution
id: 11111111-0000-4000-8000-000000000001
level: high
logsource: {category: process_creation, product: windows}
detection:
    selection:
        Image|endswith: '\\whoami.exe'
    condition: selection
`;
const BRUTE = `title: Many failures
id: 11111111-0000-4000-8000-000000000002
level: critical
correlation:
    type: event_count
    rules: [failed_logon]
    group-by: [TargetUserName]
    timespan: 5m
    condition: {gte: 3}
---
title: Failed logon
name: failed_logon
logsource: {product: windows, service: security}
detection:
    selection: {EventID: 4625}
    condition: selection
`;

const rulesDir = write("rules/proc/whoami.yml", WHOAMI);
write("rules/sec/brute.yaml", BRUTE);
const sysmon = (image: string) => ({
  Event: {
    System: {
      EventID: 1,
      Channel: "Microsoft-Windows-Sysmon/Operational",
      TimeCreated: { "#attributes": { SystemTime: "2024-01-01T00:00:00Z" } },
    },
    EventData: { Image: image, CommandLine: image },
  },
});
const failed = (i: number) => ({
  Channel: "Security",
  EventID: 4625,
  TargetUserName: "bob",
  "@timestamp": `2024-01-01T00:00:0${i}Z`,
});
const eventsFile = write(
  "events.json",
  [
    JSON.stringify(sysmon("C:\\Windows\\System32\\whoami.exe")),
    JSON.stringify(sysmon("C:\\Windows\\System32\\notepad.exe")),
    "{broken",
    JSON.stringify(failed(1)),
    JSON.stringify(failed(2)),
    JSON.stringify(failed(3)),
  ].join("\n"),
);

async function detect(opts: Partial<DetectOptions>, stdin?: string) {
  let stdout = "";
  let stderr = "";
  const code = await runDetect(
    { rules: [join(dir, "rules")], events: eventsFile, ...opts },
    {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      ...(stdin !== undefined ? { stdin: Readable.from([Buffer.from(stdin)]) } : {}),
    },
  );
  const errLines = stderr.trim().split("\n");
  return {
    code,
    matches:
      stdout.trim() === ""
        ? []
        : stdout
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l)),
    summary: JSON.parse(errLines[errLines.length - 1] as string),
    stderr,
  };
}

describe("firebreak detect", () => {
  it("writes one NDJSON line per match and a summary as the last stderr line", async () => {
    const r = await detect({});
    expect(r.code).toBe(0);
    expect(r.matches).toMatchObject([
      {
        rule_id: "11111111-0000-4000-8000-000000000001",
        title: "Whoami Execution",
        level: "high",
        event_index: 0,
        type: "rule",
        logsource: { category: "process_creation", product: "windows" },
        matched_fields: { Image: "C:\\Windows\\System32\\whoami.exe" },
      },
      {
        rule_id: "11111111-0000-4000-8000-000000000002",
        title: "Many failures",
        level: "critical",
        event_index: 4,
        type: "correlation",
        correlation: {
          type: "event_count",
          group: { TargetUserName: "bob" },
          value: 3,
          event_indices: [2, 3, 4],
        },
      },
    ]);
    expect(r.summary).toEqual({
      rules_loaded: 3,
      rules_failed: 0,
      events: 5,
      matches: 2,
      failures: [],
    });
    expect(r.stderr).toContain(`warning: ${eventsFile}:3:1: unterminated value (skipped)`);
  });

  it("accepts several --rules (files and folders) and reads events from stdin", async () => {
    const r = await detect(
      { rules: [rulesDir, join(dir, "rules", "sec")], events: "-" },
      JSON.stringify([sysmon("C:\\whoami.exe")]),
    );
    expect(r.code).toBe(0);
    expect(r.matches.map((m) => m.event_index)).toEqual([0]);
    expect(r.summary.events).toBe(1);
  });

  it("reads gzip files and folders, keeping one running event_index across them", async () => {
    const gz = write("inputs/b.json.gz", "");
    writeFileSync(gz, gzipSync(readFileSync(eventsFile)));
    write("inputs/a.ndjson", JSON.stringify(sysmon("C:\\whoami.exe")));
    const r = await detect({ events: [join(dir, "inputs")] });
    expect(r.code).toBe(0);
    expect(r.summary.events).toBe(6);
    expect(r.matches.map((m) => [m.type, m.event_index])).toEqual([
      ["rule", 0],
      ["rule", 1],
      ["correlation", 5],
    ]);
    expect(r.matches[1].source).toBe(gz);
    const broken = write("broken.json.gz", "");
    writeFileSync(broken, gzipSync(readFileSync(eventsFile)).subarray(0, 40));
    expect((await detect({ events: [broken] })).code).toBe(2);
  });

  it("counts no event in a correlation window on a made-up time (the library's brute-force rule)", async () => {
    const library = join(repo, "library", "rules", "windows", "brute_force_logons.yml");
    const logons = (time: (i: number) => unknown) =>
      Array.from({ length: 12 }, (_, i) =>
        JSON.stringify({
          EventID: 4625,
          Channel: "Security",
          TargetUserName: "bob",
          time: time(i),
        }),
      ).join("\n");
    const fired = async (name: string, time: (i: number) => unknown) => {
      const r = await detect({ rules: [library], events: write(name, logons(time)) });
      expect(r.code).toBe(0);
      return r.matches.filter((m) => m.type === "correlation").length;
    };
    // Twelve failed logons over twelve minutes, in a time shape nothing reads: no correlation.
    expect(await fired("untimed.ndjson", (i) => `minute ${i} past noon`)).toBe(0);
    // The same twelve at real times a minute apart: never ten within five minutes.
    const at = (s: number) => new Date(Date.UTC(2025, 2, 7, 12, 0, s)).toISOString();
    expect(await fired("minutes.ndjson", (i) => at(i * 60))).toBe(0);
    // Twenty seconds apart they are ten within five minutes: it fires, once.
    expect(await fired("seconds.ndjson", (i) => at(i * 20))).toBe(1);
    // Syslog times without a year and epoch seconds are real times too.
    expect(
      await fired("syslog.ndjson", (i) => `Mar  7 12:00:${String(i * 2).padStart(2, "0")}`),
    ).toBe(1);
    expect(await fired("epoch.ndjson", (i) => 1_741_348_800 + i * 20)).toBe(1);
  });

  it("lists rule failures and still runs the others", async () => {
    write(
      "mixed/bad.yml",
      "title: bad\nlogsource: {product: x}\ndetection:\n    sel: {a|nope: 1}\n    condition: sel\n",
    );
    write("mixed/good.yml", WHOAMI);
    const r = await detect({ rules: [join(dir, "mixed")] });
    expect(r.code).toBe(0);
    expect(r.summary.rules_loaded).toBe(1);
    expect(r.summary.rules_failed).toBe(1);
    expect(r.summary.failures).toEqual([
      {
        file: join(dir, "mixed", "bad.yml"),
        reason: expect.stringMatching(/line 4, column 11: .*unknown modifier 'nope'/),
      },
    ]);
  });

  it("exits 2 on bad input", async () => {
    expect((await detect({ events: join(dir, "nope.json") })).code).toBe(2);
    const missingRules = await detect({ rules: [join(dir, "no-such-dir")] });
    expect(missingRules.code).toBe(2);
    expect(missingRules.summary.failures[0].file).toBe(join(dir, "no-such-dir"));
    write("empty/readme.txt", "no rules here");
    expect((await detect({ rules: [join(dir, "empty")] })).code).toBe(2);
    expect((await detect({ rules: [] })).code).toBe(2);
  });

  it("runs as a commander command with the process exit code", async () => {
    const script = `
      import { Command } from "commander";
      import { detectCommand } from "./src/cli/commands/detect.ts";
      const p = new Command("firebreak").addCommand(detectCommand());
      await p.parseAsync(["node", "firebreak", ...JSON.parse(process.env.ARGS)]);
    `;
    const run = (args: string[]) =>
      promisify(execFile)(
        process.execPath,
        ["--import", "tsx", "--input-type=module", "-e", script],
        {
          cwd: repo,
          env: { ...process.env, ARGS: JSON.stringify(args) },
        },
      ).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const ok = await run([
      "detect",
      "--rules",
      rulesDir,
      "--rules",
      join(dir, "rules", "sec"),
      "--events",
      eventsFile,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split("\n")).toHaveLength(2);
    expect(JSON.parse(ok.stderr.trim().split("\n").pop() as string).matches).toBe(2);
    const bad = await run(["detect", "--rules", rulesDir, "--events", join(dir, "missing.json")]);
    expect(bad.code).toBe(2);
  }, 30_000);
});

const CORPUS = resolve(repo, "..", "shared", "corpus", "sigma");
const NETWORK_BURSTS = `title: Network connection
name: net_conn
logsource: {product: windows, category: network_connection}
detection:
    sel: {EventID: 3}
    condition: sel
---
title: Process start
name: proc_start
logsource: {product: windows, category: process_creation}
detection:
    sel: {EventID: 1}
    condition: sel
---
title: Connection burst from one host
correlation:
    type: event_count
    rules: [net_conn]
    group-by: [Computer]
    timespan: 10s
    condition: {gte: 12}
---
title: Many programs on one host
correlation:
    type: value_count
    rules: [proc_start]
    group-by: [Computer]
    timespan: 20s
    condition: {field: Image, gte: 6}
---
title: Quiet host
correlation:
    type: event_count
    rules: [net_conn]
    group-by: [Computer, User]
    timespan: 30s
    condition: {lt: 2}
`;

describe.skipIf(!existsSync(join(CORPUS, "rules")))("firebreak detect --threads", () => {
  it("writes the same lines in the same order on one thread and on two", async () => {
    const { generateEvents } = await import("../../../bench/detect.js");
    // More events than the inline start (POOL_AFTER_EVENTS), so two threads do use the workers.
    const events = write("threads/events.ndjson", generateEvents(12_000));
    const rules = [
      join(CORPUS, "rules", "windows", "network_connection"),
      join(CORPUS, "rules", "windows", "process_creation", "proc_creation_win_renamed_whoami.yml"),
      write("threads/rules/bursts.yml", NETWORK_BURSTS),
    ];
    const one = await detect({ rules, events, threads: 1 });
    const two = await detect({ rules, events, threads: 2 });
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.stderr).not.toContain("detection threads unavailable");
    const types = new Set(one.matches.map((m) => `${m.type}:${m.title}`));
    expect(types).toContain("correlation:Connection burst from one host");
    expect(types).toContain("correlation:Many programs on one host");
    expect(types).toContain("correlation:Quiet host");
    expect([...types].some((t) => t.startsWith("rule:"))).toBe(true);
    expect(two.matches).toEqual(one.matches);
    expect(two.summary).toEqual(one.summary);
  }, 120_000);

  it("reports a broken line where it is, and reads two objects on one line, on any thread", async () => {
    const { generateEvents } = await import("../../../bench/detect.js");
    const lines = generateEvents(8_000).trim().split("\n");
    // Past the inline start, so that on two threads a worker meets them first.
    lines.splice(6_000, 0, '{"EventID": 3 "Computer": "ws1"}');
    // Two events on one line: the scanner reads both.
    const [a, b] = lines.splice(7_000, 2);
    lines.splice(7_000, 0, `${a} ${b}`);
    const events = write("threads/damaged.ndjson", `${lines.join("\n")}\n`);
    const rules = [
      join(CORPUS, "rules", "windows", "network_connection"),
      write("threads/rules/bursts.yml", NETWORK_BURSTS),
    ];
    const one = await detect({ rules, events, threads: 1 });
    const two = await detect({ rules, events, threads: 2 });
    const warnings = (r: { stderr: string }) =>
      r.stderr.split("\n").filter((l) => l.startsWith("warning:"));
    expect(warnings(one)).toEqual([
      expect.stringMatching(/damaged\.ndjson:6001:\d+: invalid JSON: .* \(skipped\)$/),
    ]);
    expect(warnings(two)).toEqual(warnings(one));
    // Every generated event is read, the two on line 7001 included; the broken line is not one.
    expect(one.summary.events).toBe(8_000);
    expect(two.matches).toEqual(one.matches);
    expect(two.summary).toEqual(one.summary);
  }, 120_000);

  it("refuses a thread count that is not a whole number of at least 1", async () => {
    const r = await detect({ threads: 0 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--threads needs a whole number of at least 1, got '0'");
    expect((await detect({ threads: "two" })).stderr).toContain("got 'two'");
  });
});
