/**
 * Benchmark: `firebreak detect`'s pipeline on one thread against the detection pool on every
 * core, on the same file in the same run: the event reader, parse, normalise, match, and the
 * correlation windows on the calling thread (src/detection/pool). The pool is started once
 * before timing (as a server's is; `detect` starts it beside its own rule compilation), and
 * both sides get an unmeasured warm-up so that every engine's prefilter has tuned itself. Runs
 * alternate, so machine noise hits both alike. Printed: median events/s of each, their ratio,
 * whether both gave the same matches in the same order, the CPU time per event of each (what the
 * threads cost in copying and parsing twice), and the load average.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { readEventInputs } from "../../src/detection/events/input.js";
import { matchInOrder } from "../../src/detection/pool/ordered.js";
import { DetectionPool, stopPretenuring } from "../../src/detection/pool/pool.js";
import { type RuleSet, SigmaEngine } from "../../src/detection/sigma/index.js";

/** What the comparison measured. */
export interface ThreadsResult {
  threads: number;
  events: number;
  one_thread_events_per_second: number;
  threads_events_per_second: number;
  /** threads / one thread. */
  ratio: number;
  /**
   * CPU time (every thread) per event, pool / one thread: the cost of the threads' copying and
   * duplicated parsing. On an idle machine the ratio cannot exceed threads / this.
   */
  cpu_ratio: number;
  /**
   * CPU time of the calling thread alone per event, pool / one thread (all of whose work is on
   * it), from /proc (10 ms ticks; undefined elsewhere). The pool cannot beat one thread by more
   * than 1 / this, however many cores: the calling thread is the pipeline's one serial part.
   */
  main_cpu_ratio?: number;
  /**
   * What the CPU times allow on an idle machine with `threads` cores: one thread's CPU per event
   * over the larger of the calling thread's and the pool's total spread over the cores. A model
   * to read beside the wall-clock ratio on a loaded machine, not a measurement.
   */
  idle_bound?: number;
  /** True when both gave the same rule and correlation matches, event by event, in order. */
  identical: boolean;
  pool_start_ms: number;
  load: number[];
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** CPU time of this process's main thread in ms (Linux: /proc), or undefined. */
function mainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Runs the pipeline over the file once; returns its time and a transcript of the matches. */
async function once(
  file: string,
  engine: SigmaEngine,
  pool: DetectionPool | undefined,
): Promise<{
  ms: number;
  cpuMs: number;
  mainCpuMs: number | undefined;
  events: number;
  transcript: string[];
}> {
  const transcript: string[] = [];
  let events = 0;
  const m0 = mainThreadCpuMs();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  // Both sides read as `firebreak detect` does, whatever its thread count: NDJSON lines stay
  // bytes, decoded and parsed by whoever matches them (this thread, or the pool's workers).
  const results = matchInOrder(readEventInputs([file], { lines: true }), {
    engine,
    pool: () => pool,
    event: (item) => item.event as Record<string, unknown>,
    lines: (item) => item.lines,
    mode: "normalized",
  });
  for await (const batch of results) {
    for (const { matches, correlation } of batch) {
      const index = events++;
      for (const m of matches) transcript.push(`${index} ${m.rule.id}`);
      if (correlation)
        for (const c of engine.correlate({ ...correlation, ref: index }))
          transcript.push(`${index} ${c.correlation.id} ${c.refs.join(",")}`);
    }
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const m1 = mainThreadCpuMs();
  const mainCpuMs = m0 === undefined || m1 === undefined ? undefined : m1 - m0;
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, mainCpuMs, events, transcript };
}

/**
 * Compares one thread with the pool on every core over `input` (NDJSON), `rules` being the
 * paths `set` was loaded from (the workers load them again). Prints and returns the figures.
 */
export async function compareThreads(
  rules: string[],
  set: RuleSet,
  input: string,
  runs: number,
): Promise<ThreadsResult> {
  // As `firebreak detect` does on more than one thread; both sides run with it.
  stopPretenuring();
  const dir = mkdtempSync(join(tmpdir(), "firebreak-bench-threads-"));
  const file = join(dir, "events.ndjson");
  writeFileSync(file, input);
  const threads = availableParallelism();
  const inline = new SigmaEngine(set);
  const pooled = new SigmaEngine(set);
  const s0 = performance.now();
  const pool = await DetectionPool.start(threads, { paths: rules }, pooled);
  const startMs = performance.now() - s0;
  try {
    const one: number[] = [];
    const many: number[] = [];
    const cpuOne: number[] = [];
    const cpuMany: number[] = [];
    const mainMany: number[] = [];
    let identical = true;
    let events = 0;
    for (let run = -1; run < runs; run++) {
      const a = await once(file, inline, undefined);
      const b = await once(file, pooled, pool);
      events = a.events;
      identical &&= a.transcript.join("\n") === b.transcript.join("\n") && a.events === b.events;
      if (run < 0) continue;
      one.push((a.events / a.ms) * 1000);
      many.push((b.events / b.ms) * 1000);
      cpuOne.push(a.cpuMs);
      cpuMany.push(b.cpuMs);
      if (b.mainCpuMs !== undefined) mainMany.push(b.mainCpuMs);
    }
    const r: ThreadsResult = {
      threads,
      events,
      one_thread_events_per_second: Math.round(median(one)),
      threads_events_per_second: Math.round(median(many)),
      ratio: Number((median(many) / median(one)).toFixed(2)),
      cpu_ratio: Number((median(cpuMany) / median(cpuOne)).toFixed(2)),
      ...(mainMany.length === runs
        ? {
            main_cpu_ratio: Number((median(mainMany) / median(cpuOne)).toFixed(2)),
            idle_bound: Number(
              (median(cpuOne) / Math.max(median(mainMany), median(cpuMany) / threads)).toFixed(2),
            ),
          }
        : {}),
      identical,
      pool_start_ms: Math.round(startMs),
      load: loadavg().map((x) => Number(x.toFixed(2))),
    };
    const n = (x: number) => x.toLocaleString("en");
    console.log(
      `  threads (detect pipeline, ${n(events)} events, ${runs} runs, pool start ${n(r.pool_start_ms)} ms, load ${r.load.join(" ")}):`,
    );
    console.log(
      `    1 thread ${n(r.one_thread_events_per_second)} ev/s, ${threads} threads ${n(r.threads_events_per_second)} ev/s: ${r.ratio}x; matches ${identical ? "identical" : "DIFFERENT"}`,
    );
    console.log(
      `    CPU time per event (all threads), ${threads} threads / 1 thread: ${r.cpu_ratio}x`,
    );
    if (r.main_cpu_ratio !== undefined)
      console.log(
        `    CPU time per event of the calling thread, ${threads} threads / 1 thread: ${r.main_cpu_ratio}x; bound on an idle machine from these CPU times: ${r.idle_bound}x`,
      );
    return r;
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
