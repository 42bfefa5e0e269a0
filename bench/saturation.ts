/**
 * Health checks and refusals while single-event ingestion is saturated. A real server (its own
 * process: bench/support/saturation-server.ts) whose ingestion tokens are limited to LIMIT
 * requests a minute; a load process (bench/support/saturation-load.ts) of SENDERS senders, each
 * POSTing one event per request as soon as its previous answer came. Two kinds of saturation:
 *   - flood: every sender uses one of two tokens already over their limit (a flooding
 *     integration; the issue's 1,000 requests a second): every answer is a 429;
 *   - mixed: the flood, plus NORMAL senders whose events are accepted (stored and matched
 *     against the rules): each goes through tokens of its own, the next when one's budget is
 *     spent, so that accepted ingestion is saturated too, not only for LIMIT requests.
 * Meanwhile this process probes /readyz and /healthz one at a time (a new connection each, as
 * a load balancer does). Baseline, in the same run: the same probes on the idle server. Also
 * the server's own time of each 429 and of each probe (Fastify's `elapsedTime`: from the
 * request's first hook to the answer written; Node's HTTP parsing before it is not in it, but
 * is in the CPU time per answer, the process's CPU time over the answers it gave), how late
 * its event loop ran and what that lateness was made of (the main thread on a CPU: the
 * server's own synchronous work; waiting for a CPU: the machine's load; asleep: GC helper
 * threads, synchronous writes), and its garbage collection pauses. Several rounds; medians of
 * the rounds printed. Request logs are on, at info, as `firebreak serve` writes them.
 *
 *   node --import tsx bench/saturation.ts [seconds=6] [rounds=3]
 *
 * With DATABASE_URL set (a database of its own: the bench writes into it), the server runs on
 * PostgreSQL, its limit counted in the database. With SATURATION_CPU_PROF=<dir>, the server
 * writes a V8 CPU profile of its whole run there (open it in Chrome DevTools or speedscope).
 * With SATURATION_SERVER_NICE=<n> (e.g. -10; below 0 needs root), the server process runs at
 * that niceness: ahead of the load and of whatever else the machine runs, as on a machine of
 * its own. It tells the server's own delays from the machine's; the default run is the honest
 * figure for a shared machine.
 */
import { type ChildProcess, fork } from "node:child_process";
import { request } from "node:http";
import { availableParallelism, loadavg, setPriority } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { SaturationLoad, SaturationLoadReport } from "./support/saturation-load.js";
import type { SaturationServerReady, SaturationServerStats } from "./support/saturation-server.js";

const SENDERS = 32;
const NORMAL = 4;
const FLOOD_TOKENS = 2;
/** Tokens each sender of accepted events goes through in one round (LIMIT events each). */
const TOKENS_PER_NORMAL = 40;
/**
 * Requests a minute per token: low, so that the flooding tokens are over it after a short
 * warm-up (the default, 1,200, would take a loaded machine's senders most of a minute to reach).
 */
const LIMIT = 60;
const PROBE_EVERY_MS = 10;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};
const median = (xs: number[]) => pct(xs, 50);

const child = (
  name: string,
  args: string[] = [],
  execArgv: string[] = [],
  stdout: "inherit" | "pipe" = "inherit",
) =>
  fork(fileURLToPath(new URL(`./support/${name}.ts`, import.meta.url)), args, {
    execArgv: ["--import", "tsx", ...execArgv],
    stdio: ["ignore", stdout, "inherit", "ipc"],
  });

/** The next message from a child process. */
const heard = <T>(proc: ChildProcess) =>
  new Promise<T>((resolve, reject) => {
    const exited = (code: number | null) =>
      reject(new Error(`child exited (${code}) before answering`));
    proc.once("exit", exited);
    proc.once("message", (m) => {
      proc.off("exit", exited);
      resolve(m as T);
    });
  });

/** One GET on a fresh connection; its time in ms (what a prober waits). */
function probe(port: number, path: string): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      res.resume();
      res.on("end", () =>
        res.statusCode === 200
          ? resolve(performance.now() - start)
          : reject(new Error(`${path}: HTTP ${res.statusCode}`)),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/** Probes /readyz and /healthz in turn, one at a time, every PROBE_EVERY_MS, for `ms`. */
async function probeFor(port: number, ms: number) {
  const times: Record<"/readyz" | "/healthz", number[]> = { "/readyz": [], "/healthz": [] };
  const until = performance.now() + ms;
  for (let i = 0; performance.now() < until; i++) {
    const path = i % 2 === 0 ? "/readyz" : "/healthz";
    times[path].push(await probe(port, path));
    await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
  }
  return times;
}

interface Phase {
  readyz: number[];
  healthz: number[];
  statuses: Record<string, number>;
  refusedMs: number[];
  cpuPerAnswerMs: number;
  server: SaturationServerStats;
}

/** Saturates the server with `senders` (the tokens of each) and probes meanwhile. */
async function saturated(
  server: ChildProcess,
  port: number,
  senders: string[][],
  seconds: number,
): Promise<Phase> {
  server.send("stats");
  await heard<SaturationServerStats>(server);
  const load = child("saturation-load");
  const started = heard<SaturationLoadReport>(load);
  load.send({ port, senders, seconds } satisfies SaturationLoad);
  await started;
  const finished = heard<SaturationLoadReport>(load);
  // The first half second is the senders' ramp-up, not saturation.
  await new Promise((r) => setTimeout(r, 500));
  const probes = await probeFor(port, seconds * 1000 - 1000);
  const statuses = (await finished) as Record<string, number>;
  server.send("stats");
  const stats = await heard<SaturationServerStats>(server);
  const answered = Object.values(stats.eventTimes).reduce((n, xs) => n + xs.length, 0);
  return {
    readyz: probes["/readyz"],
    healthz: probes["/healthz"],
    statuses,
    refusedMs: stats.eventTimes["429"] ?? [],
    cpuPerAnswerMs: stats.cpuMs / Math.max(1, answered),
    server: stats,
  };
}

const f = (x: number) => `${x.toFixed(x < 1 ? 3 : 1)} ms`;

/** Runs the benchmark and prints its medians; resolves to the saturated p99s and the 429 time. */
export async function run(
  seconds = 6,
  rounds = 3,
): Promise<{ readyzP99: number; healthzP99: number; refusedMedianMs: number }> {
  const profileDir = process.env.SATURATION_CPU_PROF;
  const server = child(
    "saturation-server",
    [String(FLOOD_TOKENS + NORMAL * TOKENS_PER_NORMAL * rounds), String(LIMIT)],
    profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [],
    "pipe",
  );
  // The server's request logs, read as a log collector would, and counted.
  let logBytes = 0;
  server.stdout?.on("data", (chunk: Buffer) => {
    logBytes += chunk.length;
  });
  const nice = process.env.SATURATION_SERVER_NICE;
  if (nice !== undefined && server.pid !== undefined) setPriority(server.pid, Number(nice));
  try {
    const { port, tokens, dialect } = await heard<SaturationServerReady>(server);
    const floodTokens = tokens.slice(0, FLOOD_TOKENS);
    const flood = (n: number) =>
      Array.from({ length: n }, (_, i) => [floodTokens[i % FLOOD_TOKENS] as string]);
    // Warm-up: the flooding tokens spend their budget (and the server its first-request costs).
    for (let i = 0; !(await saturated(server, port, flood(8), 3)).statuses["429"]; i++)
      if (i === 10)
        throw new Error("the warm-up did not take the flooding tokens over their limit");
    const idle: { readyz: number[]; healthz: number[]; server: SaturationServerStats }[] = [];
    const floods: Phase[] = [];
    const mixes: Phase[] = [];
    for (let r = 0; r < rounds; r++) {
      server.send("stats");
      await heard<SaturationServerStats>(server);
      const probes = await probeFor(port, 2000);
      server.send("stats");
      const stats = await heard<SaturationServerStats>(server);
      idle.push({ readyz: probes["/readyz"], healthz: probes["/healthz"], server: stats });
      floods.push(await saturated(server, port, flood(SENDERS), seconds));
      const normal = Array.from({ length: NORMAL }, (_, i) => {
        const from = FLOOD_TOKENS + (r * NORMAL + i) * TOKENS_PER_NORMAL;
        return tokens.slice(from, from + TOKENS_PER_NORMAL);
      });
      mixes.push(await saturated(server, port, [...flood(SENDERS - NORMAL), ...normal], seconds));
      console.log(
        `  round ${r + 1}: flood ${JSON.stringify(floods[r]?.statuses)}, mixed ${JSON.stringify(mixes[r]?.statuses)}`,
      );
    }
    const over = <T>(xs: T[], pick: (x: T) => number) => median(xs.map(pick));
    const line = (name: string, pick: (x: { readyz: number[]; healthz: number[] }) => number[]) => {
      const cell = <T extends { readyz: number[]; healthz: number[] }>(xs: T[]) =>
        `p50 ${f(over(xs, (x) => median(pick(x))))}, p99 ${f(over(xs, (x) => pct(pick(x), 99)))}`;
      return `  ${name} idle ${cell(idle)}; flood ${cell(floods)}; mixed ${cell(mixes)}`;
    };
    const readyzP99 = over(floods, (x) => pct(x.readyz, 99));
    const mixedReadyzP99 = over(mixes, (x) => pct(x.readyz, 99));
    const healthzP99 = over(floods, (x) => pct(x.healthz, 99));
    const idleReadyzP99 = over(idle, (x) => pct(x.readyz, 99));
    const refusedMedianMs = over(floods, (x) => median(x.refusedMs));
    console.log(
      `saturation: ${SENDERS} senders, one event a request, tokens at ${LIMIT} a minute; flood = all over the limit, mixed = ${NORMAL} of them under it; ${seconds} s × ${rounds} rounds; ${dialect}${nice === undefined ? "" : `; server at niceness ${nice}`}; request logs at ${process.env.LOG_LEVEL ?? "info"} (${(logBytes / 1e6).toFixed(1)} MB read); load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs (medians of the rounds)`,
    );
    console.log(line("/readyz ", (x) => x.readyz));
    console.log(line("/healthz", (x) => x.healthz));
    /** One figure of the server's per phase: idle, flood, mixed (medians of the rounds). */
    const inside = (pick: (x: SaturationServerStats) => number, show = f) => {
      const cell = (xs: { server: SaturationServerStats }[]) =>
        show(over(xs, (x) => pick(x.server)));
      return `idle ${cell(idle)}, flood ${cell(floods)}, mixed ${cell(mixes)}`;
    };
    const spread = (pick: (x: SaturationServerStats) => number[]) =>
      `p99 ${inside((s) => pct(pick(s), 99))}; max ${inside((s) => Math.max(...pick(s)))}`;
    console.log(
      `  inside the server: /readyz server time p99 ${inside((s) => pct(s.probeTimes["/readyz"], 99))}; event-loop utilisation ${inside(
        (s) => s.utilisation,
        (x) => x.toFixed(2),
      )}`,
    );
    console.log(`  event-loop turns (1 ms timer): late by ${spread((s) => s.turns.delayMs)}`);
    console.log(`    main thread on a CPU a turn: ${spread((s) => s.turns.cpuMs)}`);
    console.log(`    main thread waiting for a CPU a turn: ${spread((s) => s.turns.waitMs)}`);
    console.log(`    main thread asleep in a turn: ${spread((s) => s.turns.asleepMs)}`);
    console.log(
      `  garbage collection: longest pause ${inside((s) => s.gc.maxMs)}; total ${inside((s) => s.gc.totalMs)}`,
    );
    console.log(
      `  429 server time (flood): median ${f(refusedMedianMs)}, p99 ${f(over(floods, (x) => pct(x.refusedMs, 99)))}; server CPU per answer: flood ${f(over(floods, (x) => x.cpuPerAnswerMs))}, mixed ${f(over(mixes, (x) => x.cpuPerAnswerMs))}`,
    );
    console.log(
      `  ratio /readyz p99 flood / idle: ${(readyzP99 / idleReadyzP99).toFixed(1)}; done when /readyz p99 < 100 ms under the flood: ${readyzP99 < 100 ? "met" : "not met"}, under the mixed load: ${mixedReadyzP99 < 100 ? "met" : "not met"}; 429 < 1 ms: ${refusedMedianMs < 1 ? "met" : "not met"}`,
    );
    return { readyzP99, healthzP99, refusedMedianMs };
  } finally {
    server.send("stop");
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href)
  await run(Number(process.argv[2] ?? 6), Number(process.argv[3] ?? 3));
