/**
 * Reading EVTX natively against reading the same events as NDJSON (the baseline, measured in
 * the same run). The workload is one large log: the chunks of the attack samples of
 * ../shared/corpus/evtx, `copies` times over, behind one file header (chunks are
 * self-contained, so this is a valid log; the samples alone are 50 files of one sparse chunk
 * each, where opening files would dominate). It is read through `readEventInputs`, as `detect`
 * and `events dump` read it, then its records dumped once to NDJSON are read the same way.
 * Prints medians of several rounds and their ratio.
 *
 *   node --import tsx bench/evtx.ts [copies=20] [rounds=5]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { filesUnder, readEventInputs } from "../src/detection/events/input.js";

const SAMPLES = resolve(
  fileURLToPath(new URL(".", import.meta.url)),
  "..",
  "..",
  "shared",
  "corpus",
  "evtx",
  "samples",
);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

const HEADER_BLOCK = 4096;
const CHUNK = 0x10000;

interface Rate {
  wall: number;
  cpu: number;
}

/** Reads the input; events per second of wall time and per CPU-second (the machine is shared). */
async function rate(path: string): Promise<Rate> {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let events = 0;
  for await (const _ of readEventInputs([path])) events++;
  const used = process.cpuUsage(cpu);
  return {
    wall: events / (Number(process.hrtime.bigint() - start) / 1e9),
    cpu: events / ((used.user + used.system) / 1e6),
  };
}

/** One log of every sample's chunks, `copies` times, behind the first sample's header. */
function bigLog(files: string[], copies: number): Buffer {
  const logs = files.map((f) => readFileSync(f));
  const chunks = logs.flatMap((log) => {
    const out: Buffer[] = [];
    for (let at = HEADER_BLOCK; at + CHUNK <= log.length; at += CHUNK) {
      out.push(log.subarray(at, at + CHUNK));
    }
    return out;
  });
  const header = (logs[0] as Buffer).subarray(0, HEADER_BLOCK);
  return Buffer.concat([header, ...Array.from({ length: copies }, () => chunks).flat()]);
}

/** Runs the EVTX benchmark and prints its medians; resolves to them. */
export async function run(copies = 20, rounds = 5) {
  if (!existsSync(SAMPLES)) {
    console.log(`evtx: skipped, no samples at ${SAMPLES}`);
    return undefined;
  }
  const files = (await filesUnder(SAMPLES)).filter((f) => f.endsWith(".evtx"));
  const dir = mkdtempSync(join(tmpdir(), "firebreak-bench-evtx-"));
  try {
    const log = join(dir, "samples.evtx");
    writeFileSync(log, bigLog(files, copies));
    const ndjson = join(dir, "samples.ndjson");
    const lines: string[] = [];
    for await (const e of readEventInputs([log])) lines.push(JSON.stringify(e.event));
    writeFileSync(ndjson, `${lines.join("\n")}\n`);
    const evtxBytes = statSync(log).size;
    const ndjsonBytes = statSync(ndjson).size;
    // One pass each to warm up the code paths.
    await rate(log);
    await rate(ndjson);
    const evtx: Rate[] = [];
    const json: Rate[] = [];
    for (let r = 0; r < rounds; r++) {
      evtx.push(await rate(log));
      json.push(await rate(ndjson));
    }
    const e = { wall: median(evtx.map((r) => r.wall)), cpu: median(evtx.map((r) => r.cpu)) };
    const j = { wall: median(json.map((r) => r.wall)), cpu: median(json.map((r) => r.cpu)) };
    const show = (xs: Rate[], k: keyof Rate) => xs.map((r) => Math.round(r[k])).join(", ");
    console.log(
      `evtx: ${lines.length} records, the chunks of ${files.length} samples ${copies} times in one log (${(evtxBytes / 1e6).toFixed(1)} MB EVTX, ${(ndjsonBytes / 1e6).toFixed(1)} MB as NDJSON), ${rounds} rounds; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs`,
    );
    console.log(
      `  EVTX    native reader: median ${Math.round(e.wall)} events/s wall (${show(evtx, "wall")}), ${Math.round(e.cpu)} per CPU-second (${show(evtx, "cpu")})`,
    );
    console.log(
      `  NDJSON  same events:   median ${Math.round(j.wall)} events/s wall (${show(json, "wall")}), ${Math.round(j.cpu)} per CPU-second (${show(json, "cpu")})`,
    );
    console.log(
      `  ratio ${(e.wall / j.wall).toFixed(3)} of the NDJSON rate (wall), ${(e.cpu / j.cpu).toFixed(3)} (CPU)`,
    );
    return { evtx: e, ndjson: j };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await run(Number(process.argv[2] ?? 20), Number(process.argv[3] ?? 5));
}
