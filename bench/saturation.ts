/**
 * Health checks and refusals while single-event ingestion is saturated. A real server (its own
 * process: bench/support/saturation-server.ts) whose ingestion tokens are limited to LIMIT
 * requests a minute; a load process (bench/support/saturation-load.ts) of SENDERS senders, each
 * POSTing one event per request as soon as its previous answer came. Two kinds of saturation:
 *   - flood: every sender uses one of two tokens already over their limit (a flooding
 *     integration; the 1,000 requests a second): every answer is a 429;
 *   - mixed: the flood, plus NORMAL senders each with a token of its own, under its limit
 *     (accepted events, stored and matched against the rules).
 * Meanwhile this process probes /readyz and /healthz one at a time (a new connection each, as
 * a load balancer does). Baseline, in the same run: the same probes on the idle server. Also
 * the server's own time of each 429 (Fastify's measure, request in to response out) and its
 * CPU time per answer. Several rounds; medians of the rounds printed.
 *
 *   node --import tsx bench/saturation.ts [seconds=6] [rounds=3]
 *
 * With DATABASE_URL set (a database of its own: the bench writes into it), the server runs on
 * PostgreSQL, its limit counted in the database.
 */
import { type ChildProcess, fork } from "node:child_process";
import { request } from "node:http";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { SaturationLoad, SaturationLoadReport } from "./support/saturation-load.js";
import type { SaturationServerReady, SaturationServerStats } from "./support/saturation-server.js";

const SENDERS = 32;
const NORMAL = 4;
const FLOOD_TOKENS = 2;
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

const child = (name: string, args: string[] = []) =>
  fork(fileURLToPath(new URL(`./support/${name}.ts`, import.meta.url)), args, {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
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
}

/** Saturates the server with one sender per token of `senders` and probes meanwhile. */
async function saturated(
  server: ChildProcess,
  port: number,
  senders: string[],
  seconds: number,
): Promise<Phase> {
  server.send("stats");
  await heard<SaturationServerStats>(server);
  const load = child("saturation-load");
  const started = heard<SaturationLoadReport>(load);
  load.send({ port, tokens: senders, seconds } satisfies SaturationLoad);
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
  };
}

const f = (x: number) => `${x.toFixed(x < 1 ? 3 : 1)} ms`;

/** Runs the benchmark and prints its medians; resolves to the saturated p99s and the 429 time. */
export async function run(
  seconds = 6,
  rounds = 3,
): Promise<{ readyzP99: number; healthzP99: number; refusedMedianMs: number }> {
  const server = child("saturation-server", [
    String(FLOOD_TOKENS + NORMAL * rounds),
    String(LIMIT),
  ]);
  try {
    const { port, tokens, dialect } = await heard<SaturationServerReady>(server);
    const floodTokens = tokens.slice(0, FLOOD_TOKENS);
    const flood = (n: number) =>
      Array.from({ length: n }, (_, i) => floodTokens[i % FLOOD_TOKENS] as string);
    // Warm-up: the flooding tokens spend their budget (and the server its first-request costs).
    for (let i = 0; !(await saturated(server, port, flood(8), 3)).statuses["429"]; i++)
      if (i === 10)
        throw new Error("the warm-up did not take the flooding tokens over their limit");
    const idle: { readyz: number[]; healthz: number[] }[] = [];
    const floods: Phase[] = [];
    const mixes: Phase[] = [];
    for (let r = 0; r < rounds; r++) {
      const probes = await probeFor(port, 2000);
      idle.push({ readyz: probes["/readyz"], healthz: probes["/healthz"] });
      floods.push(await saturated(server, port, flood(SENDERS), seconds));
      const normal = tokens.slice(FLOOD_TOKENS + r * NORMAL, FLOOD_TOKENS + (r + 1) * NORMAL);
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
    const healthzP99 = over(floods, (x) => pct(x.healthz, 99));
    const idleReadyzP99 = over(idle, (x) => pct(x.readyz, 99));
    const refusedMedianMs = over(floods, (x) => median(x.refusedMs));
    console.log(
      `saturation: ${SENDERS} senders, one event a request, tokens at ${LIMIT} a minute; flood = all over the limit, mixed = ${NORMAL} of them under it; ${seconds} s × ${rounds} rounds; ${dialect}; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs (medians of the rounds)`,
    );
    console.log(line("/readyz ", (x) => x.readyz));
    console.log(line("/healthz", (x) => x.healthz));
    console.log(
      `  429 server time (flood): median ${f(refusedMedianMs)}, p99 ${f(over(floods, (x) => pct(x.refusedMs, 99)))}; server CPU per answer: flood ${f(over(floods, (x) => x.cpuPerAnswerMs))}, mixed ${f(over(mixes, (x) => x.cpuPerAnswerMs))}`,
    );
    console.log(
      `  ratio /readyz p99 flood / idle: ${(readyzP99 / idleReadyzP99).toFixed(1)}; done when /readyz p99 < 100 ms under the flood: ${readyzP99 < 100 ? "met" : "not met"}; 429 < 1 ms: ${refusedMedianMs < 1 ? "met" : "not met"}`,
    );
    return { readyzP99, healthzP99, refusedMedianMs };
  } finally {
    server.send("stop");
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href)
  await run(Number(process.argv[2] ?? 6), Number(process.argv[3] ?? 3));
