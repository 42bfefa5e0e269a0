/**
 * The server of bench/saturation.ts, in a process of its own so that the load the bench makes
 * does not share its event loop: a real server (enforced sign-in, SQLite, or PostgreSQL when
 * `DATABASE_URL` is set), ingestion tokens for the load, and the server time of every answer on
 * /api/v1/events by status (Fastify's own measure, request in to response out). It talks to
 * the bench over the IPC channel of `fork`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
  /** CPU time (ms) the server process used. */
  cpuMs: number;
}

const [tokenCount = "4", limit = "1200"] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), "firebreak-bench-saturation-"));
const rt = await openRuntime(
  loadConfig(
    { dataDir: dir, library: [BUILTIN_LIBRARY_DIR], logLevel: "silent" },
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

const app = await buildApp(rt, { logger: false });
let eventTimes: Record<string, number[]> = {};
let cpu = process.cpuUsage();
app.addHook("onResponse", async (request, reply) => {
  if (request.routeOptions.url !== "/api/v1/events") return;
  const times = eventTimes[reply.statusCode] ?? [];
  times.push(reply.elapsedTime);
  eventTimes[reply.statusCode] = times;
});
await app.listen({ port: 0, host: "127.0.0.1" });

process.on("message", async (message: "stats" | "stop") => {
  if (message === "stats") {
    const used = process.cpuUsage(cpu);
    const stats: SaturationServerStats = { eventTimes, cpuMs: (used.user + used.system) / 1000 };
    eventTimes = {};
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
