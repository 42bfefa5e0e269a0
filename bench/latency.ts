/**
 * From an event's arrival to the incident it causes being declared, at 1,000 events/s: a real
 * server on loopback (SQLite) receives 10 events every 10 ms (open loop: the schedule does not
 * wait for answers); one event in `every` deletes shadow copies on a new host, which the default
 * declaration policy declares as a ransomware incident. Latency = the incident's `declared_at`
 * minus the moment the request carrying the event was sent. Baseline, measured in the same run:
 * the same schedule against a route that only parses the JSON (its answer time).
 *
 *   node --import tsx bench/latency.ts [seconds=20] [every=100]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { Agent } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Fastify, { type FastifyInstance } from "fastify";
import { loadConfig } from "../src/config.js";
import { BUILTIN_LIBRARY_DIR } from "../src/documents/library.js";
import { loadLibraryIfEmpty, openRuntime } from "../src/runtime.js";
import { buildApp } from "../src/server/app.js";
import { benchEvent } from "./support/events.js";
import { postEvents } from "./support/post-events.js";

const RATE = 1000;
const TICK_MS = 10;
const PER_TICK = (RATE * TICK_MS) / 1000;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};

function shadowDelete(host: string) {
  return {
    Event: {
      System: {
        Provider: { "#attributes": { Name: "Microsoft-Windows-Sysmon" } },
        EventID: 1,
        Channel: "Microsoft-Windows-Sysmon/Operational",
        Computer: host,
        TimeCreated: { "#attributes": { SystemTime: new Date().toISOString() } },
      },
      EventData: {
        Image: "C:\\Windows\\System32\\vssadmin.exe",
        CommandLine: "vssadmin.exe delete shadows /all /quiet",
        User: `CORP\\svc-${host}`,
        ProcessId: 4242,
      },
    },
  };
}

interface Sent {
  at: number;
  answeredAt?: number;
  incidents: { human_id: string | null; action: string }[];
  trigger: boolean;
}

async function post(agent: Agent, port: number, body: string, sent: Sent): Promise<void> {
  const answer = await postEvents(agent, port, body);
  sent.answeredAt = performance.now();
  if (answer.status !== 202) throw new Error(`HTTP ${answer.status}`);
  sent.incidents = (JSON.parse(answer.body).incidents ?? []) as Sent["incidents"];
}

/** Runs the schedule against a port; every request's send time and answer. */
async function schedule(
  port: number,
  seconds: number,
  every: number,
  tag: string,
): Promise<Sent[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const sent: Sent[] = [];
  const pending: Promise<void>[] = [];
  const ticks = (seconds * 1000) / TICK_MS;
  const start = performance.now();
  let n = 0;
  for (let t = 0; t < ticks; t++) {
    const due = start + t * TICK_MS;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const lines: string[] = [];
    let trigger = false;
    for (let k = 0; k < PER_TICK; k++, n++) {
      const isTrigger = n % every === every - 1;
      trigger ||= isTrigger;
      lines.push(JSON.stringify(isTrigger ? shadowDelete(`${tag}-${n}`) : benchEvent(n, 1e9)));
    }
    const s: Sent = { at: performance.now(), incidents: [], trigger };
    sent.push(s);
    pending.push(post(agent, port, lines.join("\n"), s));
  }
  await Promise.all(pending);
  agent.destroy();
  return sent;
}

/** Runs the latency benchmark and prints its percentiles; resolves to p50 and p99 (ms). */
export async function run(
  seconds = 20,
  every = 100,
): Promise<{ p99: number; p50: number; busy: number }> {
  const dir = mkdtempSync(join(tmpdir(), "firebreak-bench-latency-"));
  // 100 requests a second from one sender is the point here, not something to throttle.
  const rt = await openRuntime(
    loadConfig(
      { dataDir: dir, library: [BUILTIN_LIBRARY_DIR], logLevel: "silent" },
      { FIREBREAK_INGEST_RATE_LIMIT: "1000000" },
    ),
  );
  await loadLibraryIfEmpty(rt);
  rt.detection.rules();
  const app = await buildApp(rt, { logger: false, auth: "trust-local" });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base: FastifyInstance = Fastify();
  base.addContentTypeParser("application/x-ndjson", { parseAs: "string" }, (_r, body, done) =>
    done(null, body),
  );
  base.post("/api/v1/events", async (req, reply) => {
    for (const line of (req.body as string).split("\n")) JSON.parse(line);
    return reply.status(202).send({ incidents: [] });
  });
  await base.listen({ port: 0, host: "127.0.0.1" });
  const portOf = (a: FastifyInstance) => (a.server.address() as AddressInfo).port;
  // performance.now() and wall-clock times are tied together once, to read declared_at.
  const wallAt = (perf: number) => Date.now() - (performance.now() - perf);
  try {
    await schedule(portOf(app), 2, every, "warmup");
    const baseline = await schedule(portOf(base), seconds, every, "base");
    const cpu0 = process.cpuUsage();
    const sent = await schedule(portOf(app), seconds, every, "host");
    const cpu = process.cpuUsage(cpu0);
    const busy = (cpu.user + cpu.system) / 1e6 / seconds;
    const latencies: number[] = [];
    const answers: number[] = [];
    for (const s of sent.filter((x) => x.trigger)) {
      const declared = s.incidents.find((i) => i.action === "declared");
      if (!declared?.human_id) throw new Error("a trigger declared no incident");
      const incident = await rt.incidents.get(declared.human_id);
      latencies.push(Date.parse(incident?.times.declared_at ?? "") - wallAt(s.at));
      answers.push((s.answeredAt ?? Number.NaN) - s.at);
    }
    const baseAnswers = baseline.map((s) => (s.answeredAt ?? Number.NaN) - s.at);
    const allAnswers = sent.map((s) => (s.answeredAt ?? Number.NaN) - s.at);
    const p99 = pct(latencies, 99);
    const p50 = pct(latencies, 50);
    const f = (x: number) => `${x.toFixed(1)} ms`;
    console.log(
      `latency: ${RATE} events/s for ${seconds} s (${PER_TICK} events every ${TICK_MS} ms), one event in ${every} declares; SQLite; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs`,
    );
    console.log(
      `  event sent → incident declared (${latencies.length} incidents): median ${f(p50)}, p99 ${f(p99)}, max ${f(Math.max(...latencies))}`,
    );
    console.log(
      `  answer time, batches that declared: median ${f(pct(answers, 50))}, p99 ${f(pct(answers, 99))}; all batches: median ${f(pct(allAnswers, 50))}, p99 ${f(pct(allAnswers, 99))}`,
    );
    console.log(
      `  baseline (same schedule, JSON.parse only): answer median ${f(pct(baseAnswers, 50))}, p99 ${f(pct(baseAnswers, 99))}`,
    );
    console.log(
      `  CPU used by this process (server and client) during the run: ${(busy * 100).toFixed(0)}% of one core\n` +
        `  ratio p99 declared / baseline p99 answer: ${(p99 / pct(baseAnswers, 99)).toFixed(1)}; target p99 < 250 ms: ${p99 < 250 ? "met" : "not met"}`,
    );
    return { p99, p50, busy };
  } finally {
    await base.close();
    await app.close();
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href)
  await run(Number(process.argv[2] ?? 20), Number(process.argv[3] ?? 100));
