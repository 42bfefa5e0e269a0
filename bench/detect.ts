/**
 * Benchmark: events per second through every SigmaHQ rule of the corpus whose logsource applies,
 * single-threaded, on two workloads of Windows event JSON as evtx_dump writes it, one per line:
 * - generated: everyday Sysmon events (process creation, network connection, file creation;
 *   realistic values, with the regression events of the corpus mixed in);
 * - hostile: only the corpus's regression events, replicated to the same size (what an attack
 *   looks like: every event matches, most match several rules).
 *
 * Measured: our streaming reader (64 KiB chunks) + flattening + logsource classification + rule
 * evaluation, with one long-lived engine (warmed up by an unmeasured first run, as a server's
 * engine is). Baseline, measured in the same run on the same input: splitting it into lines and
 * `JSON.parse` of each line.
 * Printed: medians of several runs, and the ratio engine time / baseline time (the engine's cost in units of
 * "just parsing the JSON").
 *
 * Run: node --import tsx bench/detect.ts [--events N] [--runs N] [--only generated|hostile]
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { JsonEventSplitter, parseEventsText } from "../src/detection/events/json-stream.js";
import { loadRules, type RuleSet, SigmaEngine } from "../src/detection/sigma/index.js";

/** One workload's figures. */
export interface WorkloadResult {
  events: number;
  matches: number;
  /** Median events/s of the engine pipeline. */
  events_per_second: number;
  /** Median events/s of plain JSON.parse. */
  baseline_events_per_second: number;
  /** engine time / baseline time: the engine's cost in units of "JSON.parse of the event". */
  ratio: number;
  /** The same three figures from process CPU time (steadier on a shared machine). */
  cpu_events_per_second: number;
  cpu_baseline_events_per_second: number;
  cpu_ratio: number;
}

/** What the benchmark measured. */
export interface BenchResult {
  name: string;
  skipped?: string;
  rules_loaded: number;
  rules_failed: number;
  runs: number;
  load_ms: number;
  /** Generated everyday Sysmon events with 3 % regression events mixed in. */
  generated?: WorkloadResult;
  /**
   * Only the SigmaHQ regression events (each made to match at least one rule), replicated to the
   * same size: the events an attack produces, which match many rules and defeat the prefilter.
   */
  hostile?: WorkloadResult;
}

const here = fileURLToPath(new URL(".", import.meta.url));
const CORPUS = resolve(here, "..", "..", "shared", "corpus", "sigma");

/** Deterministic pseudo-random numbers (mulberry32), so every run sees the same events. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROCS: [string, string, string, string][] = [
  [
    "C:\\Windows\\System32\\svchost.exe",
    "svchost.exe",
    "Host Process for Windows Services",
    "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule",
  ],
  [
    "C:\\Windows\\System32\\cmd.exe",
    "Cmd.Exe",
    "Windows Command Processor",
    'cmd.exe /c "dir C:\\Users\\Public\\Documents"',
  ],
  [
    "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
    "PowerShell.EXE",
    "Windows PowerShell",
    "powershell.exe -NoProfile -Command Get-Service | Where-Object {$_.Status -eq 'Running'}",
  ],
  [
    "C:\\Windows\\System32\\conhost.exe",
    "CONHOST.EXE",
    "Console Window Host",
    "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1",
  ],
  [
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    "chrome.exe",
    "Google Chrome",
    '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer --field-trial-handle=1234,i,567 --lang=en-US',
  ],
  [
    "C:\\Windows\\System32\\RuntimeBroker.exe",
    "RuntimeBroker.exe",
    "Runtime Broker",
    "C:\\Windows\\System32\\RuntimeBroker.exe -Embedding",
  ],
  [
    "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
    "WinWord.exe",
    "Microsoft Word",
    '"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE" /n "C:\\Users\\jdoe\\Documents\\Q3 report.docx"',
  ],
  [
    "C:\\Windows\\System32\\reg.exe",
    "reg.exe",
    "Registry Console Tool",
    'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v CurrentBuildNumber',
  ],
  [
    "C:\\Windows\\System32\\taskhostw.exe",
    "taskhostw.exe",
    "Host Process for Windows Tasks",
    "taskhostw.exe {222A245B-E637-4AE9-A93F-A59CA119A75E}",
  ],
  [
    "C:\\Windows\\System32\\msiexec.exe",
    "msiexec.exe",
    "Windows® installer",
    "C:\\Windows\\system32\\msiexec.exe /V",
  ],
  [
    "C:\\Program Files\\Git\\cmd\\git.exe",
    "git.exe",
    "Git for Windows",
    "git.exe fetch --all --prune",
  ],
  [
    "C:\\Windows\\System32\\net.exe",
    "net.exe",
    "Net Command",
    "net use Z: \\\\fileserver01\\share /persistent:no",
  ],
  [
    "C:\\Windows\\System32\\wbem\\WmiPrvSE.exe",
    "Wmiprvse.exe",
    "WMI Provider Host",
    "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding",
  ],
  [
    "C:\\Users\\jdoe\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe",
    "electron.exe",
    "Visual Studio Code",
    '"C:\\Users\\jdoe\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe" --type=utility --utility-sub-type=node.mojom.NodeService',
  ],
];
const USERS = [
  "CORP\\jdoe",
  "CORP\\asmith",
  "NT AUTHORITY\\SYSTEM",
  "NT AUTHORITY\\NETWORK SERVICE",
  "CORP\\svc_backup",
];
const HOSTS = [
  "wks-0142.corp.example.com",
  "wks-0077.corp.example.com",
  "srv-file01.corp.example.com",
  "dc01.corp.example.com",
];
const FILES = [
  "C:\\Users\\jdoe\\AppData\\Local\\Temp\\tmp4F2A.tmp",
  "C:\\Users\\jdoe\\Downloads\\invoice_2024_11.pdf",
  "C:\\Windows\\Prefetch\\CHROME.EXE-5E6F6B2A.pf",
  "C:\\ProgramData\\Microsoft\\Windows Defender\\Scans\\History\\Service\\DetectionHistory\\02\\A1B2.bin",
  "C:\\Users\\asmith\\AppData\\Roaming\\Microsoft\\Windows\\Recent\\report.lnk",
  "C:\\Windows\\Temp\\MpCmdRun.log",
];
const DESTS: [string, number, string][] = [
  ["142.250.185.78", 443, "fra16s48-in-f14.1e100.net"],
  ["10.0.12.5", 445, "srv-file01.corp.example.com"],
  ["10.0.0.10", 389, "dc01.corp.example.com"],
  ["52.113.194.132", 443, "teams.events.data.microsoft.com"],
  ["192.168.1.1", 53, "gateway.local"],
];

function pick<T>(r: () => number, a: T[]): T {
  return a[Math.floor(r() * a.length)] as T;
}

function wrap(
  eventId: number,
  time: string,
  host: string,
  data: Record<string, unknown>,
  record = 0,
) {
  return {
    Event: {
      "#attributes": { xmlns: "http://schemas.microsoft.com/win/2004/08/events/event" },
      System: {
        Provider: {
          "#attributes": {
            Name: "Microsoft-Windows-Sysmon",
            Guid: "5770385F-C22A-43E0-BF4C-06F5698FFBD9",
          },
        },
        EventID: eventId,
        Version: 5,
        Level: 4,
        Task: eventId,
        Opcode: 0,
        Keywords: "0x8000000000000000",
        TimeCreated: { "#attributes": { SystemTime: time } },
        EventRecordID: record || Math.floor(Date.parse(time) / 37) % 10_000_000,
        Correlation: null,
        Execution: { "#attributes": { ProcessID: 3308, ThreadID: 4008 } },
        Channel: "Microsoft-Windows-Sysmon/Operational",
        Computer: host,
        Security: { "#attributes": { UserID: "S-1-5-18" } },
      },
      EventData: data,
    },
  };
}

function regressionEvents(): unknown[] {
  const dir = join(CORPUS, "regression");
  if (!existsSync(dir)) return [];
  const out: unknown[] = [];
  for (const f of readdirSync(dir)) {
    for (const it of parseEventsText(readFileSync(join(dir, f), "utf8"))) {
      if (it.kind === "event") out.push(it.value);
    }
  }
  return out;
}

/** Generates `n` Sysmon events as NDJSON (60% process creation, 25% network, 15% file). */
export function generateEvents(n: number, seed = 42): string {
  const r = rng(seed);
  const extra = regressionEvents();
  const lines: string[] = [];
  const t0 = Date.parse("2025-11-03T08:00:00Z");
  for (let i = 0; i < n; i++) {
    const time = new Date(t0 + i * 37).toISOString().replace("Z", "0000Z");
    const utc = time.slice(0, 23).replace("T", " ");
    const host = pick(r, HOSTS);
    const user = pick(r, USERS);
    const [image, ofn, desc, cmd] = pick(r, PROCS);
    const guid = `5AA13A44-${(1000 + (i % 9000)).toString(16).toUpperCase()}-68FC-E330-0000000040${(i % 100).toString().padStart(2, "0")}`;
    const roll = r();
    if (extra.length > 0 && roll < 0.03) {
      lines.push(JSON.stringify(pick(r, extra)));
      continue;
    }
    let ev: unknown;
    if (roll < 0.6) {
      const [pImage, , , pCmd] = pick(r, PROCS);
      ev = wrap(1, time, host, {
        RuleName: "-",
        UtcTime: utc,
        ProcessGuid: guid,
        ProcessId: 1000 + (i % 60000),
        Image: image,
        FileVersion: "10.0.22621.1 (WinBuild.160101.0800)",
        Description: desc,
        Product: "Microsoft® Windows® Operating System",
        Company: "Microsoft Corporation",
        OriginalFileName: ofn,
        CommandLine: `${cmd}${i % 7 === 0 ? ` ${i}` : ""}`,
        CurrentDirectory: "C:\\Windows\\system32\\",
        User: user,
        LogonGuid: "5AA13A44-568F-68FB-E39A-520000000000",
        LogonId: "0x529ae3",
        TerminalSessionId: 1,
        IntegrityLevel: pick(r, ["Medium", "High", "System"]),
        Hashes:
          "SHA1=E65FAA187D27D84106B78B909C06D405837EC64E,MD5=EB20E119AAF500E2752DC5A588B54C12,SHA256=C6A168C81654F5901E864C8FD61FA54F084CD8B2E0A8AC1B83EACF9EB4484F75,IMPHASH=E23A24F7BA9B35B3E9706724F6749860",
        ParentProcessGuid: guid,
        ParentProcessId: 600 + (i % 500),
        ParentImage: pImage,
        ParentCommandLine: pCmd,
        ParentUser: user,
      });
    } else if (roll < 0.85) {
      const [ip, port, name] = pick(r, DESTS);
      ev = wrap(3, time, host, {
        RuleName: "-",
        UtcTime: utc,
        ProcessGuid: guid,
        ProcessId: 1000 + (i % 60000),
        Image: image,
        User: user,
        Protocol: "tcp",
        Initiated: "true",
        SourceIsIpv6: "false",
        SourceIp: "10.0.20.17",
        SourceHostname: host,
        SourcePort: 49152 + (i % 16000),
        SourcePortName: "-",
        DestinationIsIpv6: "false",
        DestinationIp: ip,
        DestinationHostname: name,
        DestinationPort: port,
        DestinationPortName: port === 443 ? "https" : "-",
      });
    } else {
      ev = wrap(11, time, host, {
        RuleName: "-",
        UtcTime: utc,
        ProcessGuid: guid,
        ProcessId: 1000 + (i % 60000),
        Image: image,
        TargetFilename: pick(r, FILES),
        CreationUtcTime: utc,
        User: user,
      });
    }
    lines.push(JSON.stringify(ev));
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The hostile workload: the SigmaHQ regression events, each written once per line, in turn, until
 * there are `n` lines. Every one of them matches a rule, most match several, and their values are
 * those the rules look for, so the prefilter lets many rules through.
 */
export function hostileEvents(n: number): string {
  const events = regressionEvents().map((e) => JSON.stringify(e));
  if (events.length === 0) return "";
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(events[i % events.length] as string);
  return `${lines.join("\n")}\n`;
}

const CHUNK = 64 * 1024;

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * Measures one workload: JSON.parse of each line (baseline) against the engine's streaming path,
 * alternated run by run so that machine noise hits both sides alike, after one warm-up of each.
 * One long-lived engine per workload, as in production: the warm-up lets its prefilter tune itself.
 */
function measure(set: RuleSet, input: string, runs: number): WorkloadResult {
  const events = input.split("\n").filter((l) => l !== "").length;
  const engineRates: number[] = [];
  const baseRates: number[] = [];
  const engineCpu: number[] = [];
  const baseCpu: number[] = [];
  const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  let matches = 0;
  const engine = new SigmaEngine(set);
  for (let run = -1; run < runs; run++) {
    const c0 = process.cpuUsage();
    const b0 = performance.now();
    let sink = 0;
    for (const l of input.split("\n")) if (l !== "") sink += (JSON.parse(l) as object) ? 1 : 0;
    const b1 = performance.now();
    const c1 = process.cpuUsage();
    const e0 = performance.now();
    let m = 0;
    // Streaming, as `firebreak detect` reads a file: 64 KiB chunks through the event reader.
    const splitter = new JsonEventSplitter();
    for (let at = 0; at <= input.length; at += CHUNK) {
      const items = at < input.length ? splitter.push(input.slice(at, at + CHUNK)) : splitter.end();
      for (const it of items) {
        if (it.kind === "event") m += engine.match(it.value as Record<string, unknown>).length;
      }
    }
    const e1 = performance.now();
    const c2 = process.cpuUsage();
    if (sink !== events) throw new Error("baseline lost events");
    if (run < 0) continue;
    matches = m;
    baseRates.push((events / (b1 - b0)) * 1000);
    engineRates.push((events / (e1 - e0)) * 1000);
    baseCpu.push((events / (cpuMs(c1) - cpuMs(c0))) * 1000);
    engineCpu.push((events / (cpuMs(c2) - cpuMs(c1))) * 1000);
  }
  const eps = median(engineRates);
  const base = median(baseRates);
  const cpuEps = median(engineCpu);
  const cpuBase = median(baseCpu);
  return {
    events,
    matches,
    events_per_second: Math.round(eps),
    baseline_events_per_second: Math.round(base),
    ratio: Number((base / eps).toFixed(2)),
    cpu_events_per_second: Math.round(cpuEps),
    cpu_baseline_events_per_second: Math.round(cpuBase),
    cpu_ratio: Number((cpuBase / cpuEps).toFixed(2)),
  };
}

/** Events in the threads comparison's file, at the least. */
const THREADS_EVENTS = 100_000;

/** Runs the benchmark on both workloads and prints the figures. */
export async function run(
  opts: { events?: number; runs?: number; only?: "generated" | "hostile" } = {},
): Promise<BenchResult> {
  const name = "detect: Sigma engine vs JSON.parse (one thread)";
  const nEvents = opts.events ?? 20_000;
  const runs = opts.runs ?? 5;
  if (!existsSync(join(CORPUS, "rules"))) {
    const r = {
      name,
      skipped: `SigmaHQ corpus not found at ${CORPUS}`,
      rules_loaded: 0,
      rules_failed: 0,
      runs: 0,
      load_ms: 0,
    };
    print(r);
    return r;
  }
  const t0 = performance.now();
  const set = loadRules(
    ["rules", "rules-emerging-threats", "rules-threat-hunting"].map((d) => join(CORPUS, d)),
  );
  const loadMs = performance.now() - t0;
  const result: BenchResult = {
    name,
    rules_loaded: set.rules.length,
    rules_failed: set.failures.length,
    runs,
    load_ms: Math.round(loadMs),
  };
  if (opts.only !== "hostile") result.generated = measure(set, generateEvents(nEvents), runs);
  if (opts.only !== "hostile")
    await (await import("./support/detect-threads.js")).compareThreads(
      ["rules", "rules-emerging-threats", "rules-threat-hunting"].map((d) => join(CORPUS, d)),
      set,
      // At least 100,000 events (148 MB): the pool's first and last batches, when a worker waits,
      // are a fixed cost that half a second of input (20,000 events) does not repay.
      generateEvents(Math.max(nEvents, THREADS_EVENTS)),
      runs,
    );
  if (opts.only !== "generated") result.hostile = measure(set, hostileEvents(nEvents), runs);
  print(result);
  return result;
}

function print(r: BenchResult): void {
  if (r.skipped) {
    console.log(`${r.name}: skipped (${r.skipped})`);
    return;
  }
  console.log(r.name);
  console.log(`  rules: ${r.rules_loaded} loaded, ${r.rules_failed} failed (load ${r.load_ms} ms)`);
  const n = (x: number) => x.toLocaleString("en");
  for (const [label, w] of [
    ["generated", r.generated],
    ["hostile", r.hostile],
  ] as const) {
    if (w === undefined) continue;
    console.log(
      `  ${label}: ${n(w.events)} events per run, ${r.runs} runs, ${n(w.matches)} matches per run`,
    );
    console.log(
      "    medians            engine   JSON.parse   ratio (engine cost / JSON.parse cost)",
    );
    console.log(
      `    wall clock  ${n(w.events_per_second).padStart(10)} ev/s ${n(w.baseline_events_per_second).padStart(10)} ev/s   ${w.ratio}x`,
    );
    console.log(
      `    CPU time    ${n(w.cpu_events_per_second).padStart(10)} ev/s ${n(w.cpu_baseline_events_per_second).padStart(10)} ev/s   ${w.cpu_ratio}x`,
    );
  }
}

function arg(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

function workload(): "generated" | "hostile" | undefined {
  const i = process.argv.indexOf("--only");
  const w = i >= 0 ? process.argv[i + 1] : undefined;
  if (w === undefined) return undefined;
  if (w === "generated" || w === "hostile") return w;
  console.error(`--only takes generated or hostile, not ${w}`);
  process.exit(2);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  await run({ events: arg("--events"), runs: arg("--runs"), only: workload() });
