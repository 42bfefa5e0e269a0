/**
 * HTTP ingestion into stored alerts, on SQLite, through a real server listening on loopback:
 * NDJSON batches POSTed to /api/v1/events (parsed, normalised, matched against Sigma rules,
 * stored with their alerts in one transaction per batch, declaration policies run) against a
 * baseline measured in the same run — the same batches POSTed to a bare Fastify route that only
 * splits and JSON-parses them. Prints medians of several rounds and their ratio.
 *
 * Two workloads:
 * - "generated": the library's rules over generated Sysmon events, one in 200 malicious;
 * - "attack": every SigmaHQ rule of the corpus (../shared/corpus/sigma: rules,
 *   rules-emerging-threats, rules-threat-hunting) over the corpus's regression events replicated
 *   on 50 hosts with moving times — about 1.5 rule matches an event, the worst case for the alert
 *   store. After it, the store is checked: every event sent is stored, and no dedup key has two
 *   live alerts.
 *
 *   node --import tsx bench/ingest.ts [generated|attack] [events] [batch] [in-flight]
 *   (in flight: requests sent at once, 2 unless given — one sender waiting for each answer
 *   before its next batch, twice over).
 *   (`npm run bench -- ingest` runs both with their defaults.)
 */

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { Agent } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Fastify, { type FastifyInstance } from "fastify";
import { sql } from "kysely";
import { loadConfig } from "../src/config.js";
import { parseEventsText } from "../src/detection/events/json-stream.js";
import { BUILTIN_LIBRARY_DIR } from "../src/documents/library.js";
import { loadLibraryIfEmpty, openRuntime, type Runtime } from "../src/runtime.js";
import { buildApp } from "../src/server/app.js";
import { ndjsonBatches } from "./support/events.js";
import { postEvents } from "./support/post-events.js";

const ROUNDS = 3;
const CORPUS = resolve(
  fileURLToPath(new URL(".", import.meta.url)),
  "..",
  "..",
  "shared",
  "corpus",
  "sigma",
);
const SIGMA_FOLDERS = ["rules", "rules-emerging-threats", "rules-threat-hunting"];

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))] as number;
}

/** Sends one batch; the number of events the server accepted. */
async function post(agent: Agent, port: number, body: Buffer): Promise<number> {
  const answer = await postEvents(agent, port, body);
  if (answer.status !== 202) throw new Error(`HTTP ${answer.status}: ${answer.body.slice(0, 300)}`);
  return JSON.parse(answer.body).accepted as number;
}

/**
 * CPU seconds of this process's main thread (Linux: /proc), undefined elsewhere. With detection
 * threads the main thread (HTTP, parsing, the store, correlation) is the part that does not
 * spread over cores: its CPU per event bounds the rate whatever the cores free.
 */
function mainThreadCpu(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) : utime and stime are 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

interface Rate {
  /** Events per wall-clock second. */
  wall: number;
  /** Events per second of this process's CPU time (server and client): what one free core does. */
  cpu: number;
  /** Events per second of the main thread's CPU time (Linux only). */
  mainCpu: number | undefined;
  /** Milliseconds from sending each batch to its answer. */
  batchMs: number[];
}

/** Sends every batch with `inFlight` requests at once. */
async function drive(
  port: number,
  batches: Buffer[],
  events: number,
  inFlight: number,
): Promise<Rate> {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  let next = 0;
  let accepted = 0;
  const batchMs: number[] = [];
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpu();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < batches.length) {
        const sent = performance.now();
        // Awaited before adding: `accepted += await …` would add to a stale total.
        const n = await post(agent, port, batches[next++] as Buffer);
        accepted += n;
        batchMs.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const main1 = mainThreadCpu();
  agent.destroy();
  if (accepted !== events) throw new Error(`accepted ${accepted} of ${events}`);
  return {
    wall: events / seconds,
    cpu: events / ((cpu.user + cpu.system) / 1e6),
    mainCpu: main0 === undefined || main1 === undefined ? undefined : events / (main1 - main0),
    batchMs,
  };
}

/** The baseline: receive the same bodies and JSON.parse every line, nothing else. */
async function baselineServer(): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: 64 * 1024 * 1024 });
  app.addContentTypeParser("application/x-ndjson", { parseAs: "string" }, (_req, body, done) =>
    done(null, body),
  );
  app.post("/api/v1/events", async (req, reply) => {
    let accepted = 0;
    for (const line of (req.body as string).split("\n")) if (line) JSON.parse(line) && accepted++;
    return reply.status(202).send({ accepted });
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  return app;
}

/** What a workload sends: `rounds` sets of batches of `events` events, and a warm-up set. */
interface Workload {
  name: string;
  rules: string[];
  events: number;
  batchSize: number;
  inFlight: number;
  warmUp: Buffer[];
  warmUpEvents: number;
  round(i: number): Buffer[];
}

function generatedWorkload(events: number, batchSize: number, inFlight: number): Workload {
  return {
    name: "generated Sysmon events, 1 in 200 malicious, library rules",
    rules: [],
    events,
    batchSize,
    inFlight,
    warmUp: ndjsonBatches(10_000, batchSize, 10_000_000),
    warmUpEvents: 10_000,
    round: (i) => ndjsonBatches(events, batchSize, i * events),
  };
}

const HOSTS = 50;

/**
 * The corpus's regression events (each made to match a SigmaHQ rule) repeated in order, the i-th
 * copy on host `i % 50` at its own time, so that alerts both repeat (same rule, same host) and
 * multiply (every host) as an attack spreading over a fleet would.
 */
function attackBatches(
  seeds: Record<string, unknown>[],
  count: number,
  size: number,
  start: number,
) {
  const t0 = Date.parse("2026-11-23T08:00:00Z");
  const out: Buffer[] = [];
  for (let b = 0; b < count; b += size) {
    const lines: string[] = [];
    for (let i = b; i < Math.min(count, b + size); i++) {
      const n = start + i;
      const event = structuredClone(seeds[n % seeds.length]) as {
        Event?: { System?: Record<string, unknown> };
      };
      const system = event.Event?.System;
      if (system) {
        system.Computer = `WS-${String(Math.floor(n / seeds.length) % HOSTS).padStart(4, "0")}.corp.example`;
        system.TimeCreated = { "#attributes": { SystemTime: new Date(t0 + n * 10).toISOString() } };
        system.EventRecordID = n;
      }
      lines.push(JSON.stringify(event));
    }
    out.push(Buffer.from(`${lines.join("\n")}\n`));
  }
  return out;
}

function attackWorkload(events: number, batchSize: number, inFlight: number): Workload | string {
  if (!existsSync(join(CORPUS, "regression"))) return `SigmaHQ corpus not found at ${CORPUS}`;
  const seeds: Record<string, unknown>[] = [];
  for (const f of readdirSync(join(CORPUS, "regression")).sort())
    for (const it of parseEventsText(readFileSync(join(CORPUS, "regression", f), "utf8")))
      if (it.kind === "event") seeds.push(it.value as Record<string, unknown>);
  return {
    name: `SigmaHQ regression events (${seeds.length}) on ${HOSTS} hosts, every SigmaHQ rule`,
    rules: SIGMA_FOLDERS.map((d) => join(CORPUS, d)),
    events,
    batchSize,
    inFlight,
    warmUp: attackBatches(seeds, 5_000, batchSize, 50_000_000),
    warmUpEvents: 5_000,
    round: (i) => attackBatches(seeds, events, batchSize, i * events),
  };
}

/** Nothing lost, nothing doubled: every event sent stored, at most one live alert per key. */
async function checkStore(rt: Runtime, sent: number) {
  // The repeats of the last second, which the server counts within a second of them.
  await rt.detection.events.flushRepeats();
  const k = rt.db.kysely;
  const events = Number(
    (
      await k
        .selectFrom("events")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const alerts = await k
    .selectFrom("alerts")
    .select([(eb) => eb.fn.countAll().as("n"), (eb) => eb.fn.sum("count").as("sightings")])
    .executeTakeFirstOrThrow();
  const doubled = await k
    .selectFrom("alerts")
    .select(["scope", "dedup_key"])
    .where("status", "<>", "resolved")
    .groupBy(["scope", "dedup_key"])
    .having(sql`count(*)`, ">", 1)
    .execute();
  const links = Number(
    (
      await k
        .selectFrom("alert_events")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (events !== sent) throw new Error(`${sent} events sent, ${events} stored`);
  if (doubled.length > 0)
    throw new Error(
      `${doubled.length} dedup key(s) with two live alerts, e.g. ${doubled[0]?.dedup_key}`,
    );
  return { events, alerts: Number(alerts.n), sightings: Number(alerts.sightings), links };
}

/** Measures one workload against the baseline; resolves to its medians. */
async function measure(w: Workload) {
  const dir = mkdtempSync(join(tmpdir(), "firebreak-bench-ingest-"));
  const config = loadConfig(
    { dataDir: dir, library: [BUILTIN_LIBRARY_DIR], rules: w.rules, logLevel: "silent" },
    {
      FIREBREAK_MAX_EVENT_BYTES: String(64 * 1024 * 1024),
      FIREBREAK_INGEST_RATE_LIMIT: "1000000",
      // The server's default unless the run says otherwise (0: matching on the server's thread).
      ...(process.env.FIREBREAK_DETECTION_THREADS
        ? { FIREBREAK_DETECTION_THREADS: process.env.FIREBREAK_DETECTION_THREADS }
        : {}),
    },
  );
  const rt = await openRuntime(config);
  await loadLibraryIfEmpty(rt);
  const app = await buildApp(rt, { logger: false, auth: "trust-local" });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const loading = performance.now();
  const compiled = rt.detection.rules();
  const loadMs = performance.now() - loading;
  // Ready before the warm-up, as a server that has been up a while: none of it matched inline.
  const threads = await rt.detection.startThreads();
  const base = await baselineServer();
  const portOf = (a: FastifyInstance) => (a.server.address() as AddressInfo).port;
  try {
    const rates: Rate[] = [];
    const baselines: Rate[] = [];
    // Warm-up on both (JIT, SQLite page cache), not counted.
    await drive(portOf(base), w.warmUp, w.warmUpEvents, w.inFlight);
    await drive(portOf(app), w.warmUp, w.warmUpEvents, w.inFlight);
    for (let round = 0; round < ROUNDS; round++) {
      const batches = w.round(round);
      baselines.push(await drive(portOf(base), batches, w.events, w.inFlight));
      rates.push(await drive(portOf(app), batches, w.events, w.inFlight));
    }
    const stored = await checkStore(rt, w.warmUpEvents + ROUNDS * w.events);
    const rate = median(rates.map((r) => r.wall));
    const baseline = median(baselines.map((r) => r.wall));
    const cpuRate = median(rates.map((r) => r.cpu));
    const cpuBaseline = median(baselines.map((r) => r.cpu));
    const ms = rates.flatMap((r) => r.batchMs);
    const show = (xs: Rate[], k: "wall" | "cpu" | "mainCpu") =>
      xs.map((r) => Math.round(r[k] ?? Number.NaN)).join(", ");
    const mainCpu = rates.every((r) => r.mainCpu !== undefined)
      ? `, ${Math.round(median(rates.map((r) => r.mainCpu as number)))} per CPU-second of the main thread (${show(rates, "mainCpu")})`
      : "";
    console.log(
      `ingest, ${w.name}: ${w.events} events/round in batches of ${w.batchSize}, ${w.inFlight} requests in flight, ${ROUNDS} rounds, ${compiled.rules} Sigma rules (compiled in ${(loadMs / 1000).toFixed(1)} s), ${threads ? `${threads} detection thread(s)` : "matched on the server's thread"}, SQLite (WAL); load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs`,
    );
    console.log(
      `  firebreak  POST /api/v1/events → stored events + alerts: median ${Math.round(rate)} events/s wall (${show(rates, "wall")}), ${Math.round(cpuRate)} events per CPU-second (${show(rates, "cpu")})${mainCpu}; batch p50 ${Math.round(quantile(ms, 0.5))} ms, p99 ${Math.round(quantile(ms, 0.99))} ms`,
    );
    console.log(
      `  baseline   same bodies to a route that only JSON.parses:  median ${Math.round(baseline)} events/s wall (${show(baselines, "wall")}), ${Math.round(cpuBaseline)} events per CPU-second`,
    );
    console.log(
      `  ratio ${(rate / baseline).toFixed(3)} of baseline (wall), ${(cpuRate / cpuBaseline).toFixed(3)} (CPU); stored ${stored.events} of ${stored.events} events sent, ${stored.alerts} alerts (no dedup key twice live) counting ${stored.sightings} rule matches, ${stored.links} event links; target ≥ 20000 events/s: ${rate >= 20_000 ? "met" : "not met"} on wall time, ${cpuRate >= 20_000 ? "met" : "not met"} per CPU-second`,
    );
    return { rate, baseline, cpuRate, alerts: stored.alerts };
  } finally {
    await base.close();
    await app.close();
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the ingestion benchmark (`only` one workload, or both) and prints its medians. */
export async function run(
  only?: "generated" | "attack",
  events?: number,
  batchSize?: number,
  inFlight = 2,
) {
  if (only !== "attack")
    await measure(generatedWorkload(events ?? 100_000, batchSize ?? 5_000, inFlight));
  if (only !== "generated") {
    const attack = attackWorkload(events ?? 30_000, batchSize ?? 1_000, inFlight);
    if (typeof attack === "string") console.log(`ingest, attack workload skipped: ${attack}`);
    else await measure(attack);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [only, events, batch, inFlight] = process.argv.slice(2);
  if (only !== undefined && only !== "generated" && only !== "attack") {
    console.error(`usage: bench/ingest.ts [generated|attack] [events] [batch] [in-flight]`);
    process.exit(2);
  }
  await run(
    only,
    events ? Number(events) : undefined,
    batch ? Number(batch) : undefined,
    inFlight ? Number(inFlight) : undefined,
  );
}
