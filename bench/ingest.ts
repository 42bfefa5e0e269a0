/**
 * HTTP ingestion into stored alerts, on SQLite, through a real server listening on loopback:
 * NDJSON batches POSTed to /api/v1/events (parsed, normalised, matched against the library's
 * Sigma rules, stored with their alerts in one transaction per batch, declaration policies run)
 * against a baseline measured in the same run — the same batches POSTed to a bare Fastify route
 * that only splits and JSON-parses them. Prints medians of several rounds and their ratio.
 *
 *   node --import tsx bench/ingest.ts [events=100000] [batch=5000] [extra rules folder…]
 *
 * With extra folders (e.g. ../shared/corpus/sigma/rules) the server detects with those rules
 * too, as `firebreak serve --rules` would.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Fastify, { type FastifyInstance } from "fastify";
import { loadConfig } from "../src/config.js";
import { BUILTIN_LIBRARY_DIR } from "../src/documents/library.js";
import { loadLibraryIfEmpty, openRuntime } from "../src/runtime.js";
import { buildApp } from "../src/server/app.js";
import { ndjsonBatches } from "./support/events.js";

const ROUNDS = 3;
const CONCURRENCY = 2;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

function post(agent: Agent, port: number, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/v1/events",
        headers: { "content-type": "application/x-ndjson", "content-length": body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          if (res.statusCode !== 202)
            reject(
              new Error(
                `HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 300)}`,
              ),
            );
          else resolve(JSON.parse(Buffer.concat(chunks).toString()).accepted as number);
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

interface Rate {
  /** Events per wall-clock second. */
  wall: number;
  /** Events per second of this process's CPU time (server and client): what one free core does. */
  cpu: number;
}

/** Sends every batch with CONCURRENCY requests in flight. */
async function drive(port: number, batches: Buffer[], events: number): Promise<Rate> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  let accepted = 0;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batches.length) {
        const n = await post(agent, port, batches[next++] as Buffer);
        accepted += n;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  if (accepted !== events) throw new Error(`accepted ${accepted} of ${events}`);
  return { wall: events / seconds, cpu: events / ((cpu.user + cpu.system) / 1e6) };
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

/** Runs the ingestion benchmark and prints its medians; resolves to them. */
export async function run(
  events = 100_000,
  batchSize = 5_000,
  rules: string[] = [],
): Promise<{ rate: number; baseline: number; cpuRate: number }> {
  const dir = mkdtempSync(join(tmpdir(), "firebreak-bench-ingest-"));
  const config = loadConfig(
    { dataDir: dir, library: [BUILTIN_LIBRARY_DIR], rules, logLevel: "silent" },
    { FIREBREAK_MAX_EVENT_BYTES: String(64 * 1024 * 1024), FIREBREAK_INGEST_RATE_LIMIT: "1000000" },
  );
  const rt = await openRuntime(config);
  await loadLibraryIfEmpty(rt);
  const app = await buildApp(rt, { logger: false, auth: "trust-local" });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const compiled = rt.detection.rules();
  const base = await baselineServer();
  const portOf = (a: FastifyInstance) => (a.server.address() as AddressInfo).port;
  try {
    const rates: Rate[] = [];
    const baselines: Rate[] = [];
    // Warm-up on both (JIT, SQLite page cache), not counted.
    await drive(portOf(base), ndjsonBatches(10_000, batchSize, 10_000_000), 10_000);
    await drive(portOf(app), ndjsonBatches(10_000, batchSize, 10_000_000), 10_000);
    for (let round = 0; round < ROUNDS; round++) {
      const batches = ndjsonBatches(events, batchSize, round * events);
      baselines.push(await drive(portOf(base), batches, events));
      rates.push(await drive(portOf(app), batches, events));
    }
    const stored = await rt.detection.alerts.list({}, 500);
    const rate = median(rates.map((r) => r.wall));
    const baseline = median(baselines.map((r) => r.wall));
    const cpuRate = median(rates.map((r) => r.cpu));
    const cpuBaseline = median(baselines.map((r) => r.cpu));
    const show = (xs: Rate[], k: keyof Rate) => xs.map((r) => Math.round(r[k])).join(", ");
    console.log(
      `ingest: ${events} events/round in batches of ${batchSize}, ${CONCURRENCY} requests in flight, ${ROUNDS} rounds, ${compiled.rules} Sigma rules, SQLite (WAL); load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs`,
    );
    console.log(
      `  firebreak  POST /api/v1/events → stored events + alerts: median ${Math.round(rate)} events/s wall (${show(rates, "wall")}), ${Math.round(cpuRate)} events per CPU-second (${show(rates, "cpu")})`,
    );
    console.log(
      `  baseline   same bodies to a route that only JSON.parses:  median ${Math.round(baseline)} events/s wall (${show(baselines, "wall")}), ${Math.round(cpuBaseline)} events per CPU-second`,
    );
    console.log(
      `  ratio ${(rate / baseline).toFixed(3)} of baseline (wall), ${(cpuRate / cpuBaseline).toFixed(3)} (CPU); ${stored.items.length} alert(s) stored; target ≥ 20000 events/s: ${rate >= 20_000 ? "met" : "not met"} on wall time, ${cpuRate >= 20_000 ? "met" : "not met"} per CPU-second`,
    );
    return { rate, baseline, cpuRate };
  } finally {
    await base.close();
    await app.close();
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href)
  await run(
    Number(process.argv[2] ?? 100_000),
    Number(process.argv[3] ?? 5_000),
    process.argv.slice(4),
  );
