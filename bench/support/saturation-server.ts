/**
 * The server of bench/saturation.ts, in a process of its own so that the load the bench makes
 * does not share its event loop: a real server (enforced sign-in, SQLite, or PostgreSQL when
 * `DATABASE_URL` is set), ingestion tokens for the load, and the server time of every answer on
 * /api/v1/events by status (Fastify's own measure, request in to response out). It talks to
 * the bench over the IPC channel of `fork`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PerformanceObserver, performance } from "node:perf_hooks";
import { userPrincipal } from "../../src/auth/principal.js";
import { createToken } from "../../src/auth/token.service.js";
import { createUser } from "../../src/auth/user.service.js";
import { loadConfig } from "../../src/config.js";
import { BUILTIN_LIBRARY_DIR } from "../../src/documents/library.js";
import { systemActor } from "../../src/domain/actor.js";
import { loadLibraryIfEmpty, openRuntime } from "../../src/runtime.js";
import { buildApp } from "../../src/server/app.js";

/** What the server tells the bench once it listens. */
export interface SaturationServerReady {
  port: number;
  tokens: string[];
  dialect: string;
}

/** What the server measured since the last time it was asked. */
export interface SaturationServerStats {
  /** Server time (ms) of each answer on /api/v1/events, by HTTP status. */
  eventTimes: Record<string, number[]>;
  /** Server time (ms) of each answer on /readyz and /healthz. */
  probeTimes: Record<"/readyz" | "/healthz", number[]>;
  /** CPU time (ms) the server process used. */
  cpuMs: number;
  /**
   * The event loop's turns, as a 1 ms timer sees them: the time (ms) between one run of the
   * timer and the next, past its 1 ms (how late the loop ran it: what a request arriving while
   * the loop is busy waits at most), split into the main thread's time on a CPU (the server's
   * own work: long synchronous tasks), its time runnable but waiting for a CPU (other
   * processes' load), read from /proc/thread-self/schedstat on Linux (NaN elsewhere), and the
   * rest, asleep inside a turn (blocked: on the garbage collector's helper threads, or on a
   * synchronous write or fsync).
   */
  turns: { delayMs: number[]; cpuMs: number[]; waitMs: number[]; asleepMs: number[] };
  /** Event-loop utilisation over the phase (0–1): 1 is a loop never waiting for I/O. */
  utilisation: number;
  /** Garbage collection pauses: how many, their total and longest (ms). */
  gc: { count: number; totalMs: number; maxMs: number };
}

const [tokenCount = "4", limit = "1200"] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), "firebreak-bench-saturation-"));
const rt = await openRuntime(
  loadConfig(
    // Request logs as `firebreak serve` writes them when stdout is not a terminal: JSON lines
    // on stdout, which the bench reads and drops (a log collector); LOG_LEVEL=silent for none.
    { dataDir: dir, library: [BUILTIN_LIBRARY_DIR], logLevel: process.env.LOG_LEVEL ?? "info" },
    { FIREBREAK_INGEST_RATE_LIMIT: limit, DATABASE_URL: process.env.DATABASE_URL },
  ),
);
await loadLibraryIfEmpty(rt);
rt.detection.rules();
const user = await createUser(
  rt,
  {
    email: `sender-${Date.now()}@example.org`,
    name: "Sender",
    role: "responder",
    person_id: null,
    password: "correct horse battery staple",
  },
  systemActor("bench"),
);
const tokens: string[] = [];
for (let i = 0; i < Number(tokenCount); i++) {
  const created = await createToken(rt, userPrincipal(user, { session: { csrf: "" } }), {
    name: `sender ${i}`,
    scope: "ingest",
  });
  tokens.push(created.token);
}

const app = await buildApp(rt, { logger: true });
let eventTimes: Record<string, number[]> = {};
let probeTimes: SaturationServerStats["probeTimes"] = { "/readyz": [], "/healthz": [] };
let cpu = process.cpuUsage();
const noTurns = (): SaturationServerStats["turns"] => ({
  delayMs: [],
  cpuMs: [],
  waitMs: [],
  asleepMs: [],
});
let turns = noTurns();
let elu = performance.eventLoopUtilization();
const SCHEDSTAT = "/proc/thread-self/schedstat";
const hasSchedstat = existsSync(SCHEDSTAT);
/** Nanoseconds the calling thread ran on a CPU, and waited runnable for one. */
const schedstat = () => {
  if (!hasSchedstat) return [Number.NaN, Number.NaN];
  const [run = "", wait = ""] = readFileSync(SCHEDSTAT, "latin1").split(" ");
  return [Number(run), Number(wait)];
};
let last = { at: performance.now(), sched: schedstat() };
const tick = () => {
  const at = performance.now();
  const sched = schedstat();
  const delay = Math.max(0, at - last.at - 1);
  const cpu = ((sched[0] as number) - (last.sched[0] as number)) / 1e6;
  const wait = ((sched[1] as number) - (last.sched[1] as number)) / 1e6;
  turns.delayMs.push(delay);
  turns.cpuMs.push(cpu);
  turns.waitMs.push(wait);
  // The timer's own 1 ms is spent asleep by design; the rest is not.
  turns.asleepMs.push(Math.max(0, at - last.at - 1 - cpu - wait));
  last = { at, sched };
  setTimeout(tick, 1).unref();
};
setTimeout(tick, 1).unref();
let gc = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.count++;
    gc.totalMs += e.duration;
    gc.maxMs = Math.max(gc.maxMs, e.duration);
  }
}).observe({ entryTypes: ["gc"] });
app.addHook("onResponse", async (request, reply) => {
  const url = request.routeOptions.url;
  if (url === "/readyz" || url === "/healthz") probeTimes[url].push(reply.elapsedTime);
  if (url !== "/api/v1/events") return;
  const times = eventTimes[reply.statusCode] ?? [];
  times.push(reply.elapsedTime);
  eventTimes[reply.statusCode] = times;
});
await app.listen({ port: 0, host: "127.0.0.1" });

process.on("message", async (message: "stats" | "stop") => {
  if (message === "stats") {
    const used = process.cpuUsage(cpu);
    const stats: SaturationServerStats = {
      eventTimes,
      probeTimes,
      cpuMs: (used.user + used.system) / 1000,
      turns,
      utilisation: performance.eventLoopUtilization(elu).utilization,
      gc,
    };
    turns = noTurns();
    elu = performance.eventLoopUtilization();
    eventTimes = {};
    probeTimes = { "/readyz": [], "/healthz": [] };
    gc = { count: 0, totalMs: 0, maxMs: 0 };
    cpu = process.cpuUsage();
    process.send?.(stats);
    return;
  }
  await app.close();
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
const ready: SaturationServerReady = {
  port: (app.server.address() as AddressInfo).port,
  tokens,
  dialect: rt.db.dialect,
};
process.send?.(ready);
