import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { loadConfig } from "../../src/config.js";
import { BUILTIN_LIBRARY_DIR } from "../../src/documents/library.js";
import type { Actor } from "../../src/domain/actor.js";
import { loadLibraryIfEmpty, type Runtime, runtimeFor } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import type { TestDialect } from "./databases.js";
import { testRuntime } from "./runtime.js";

const OPERATOR: Actor = { kind: "person", id: "operator", name: "Local operator" };

/**
 * The HTTP app for detection tests, as the CLI's in-process mode builds it (trust-local). Binds
 * the local operator when no access hook did, so the tests do not depend on how far the access
 * layer is wired.
 */
export async function detectionApp(rt: Runtime): Promise<App> {
  const app = await buildApp(rt, { logger: false, auth: "trust-local" });
  app.addHook("preHandler", async (request) => {
    request.actor ??= OPERATOR;
  });
  return app;
}

/**
 * A fresh runtime on `dialect` and its detection app, for the tests of one describe block: built
 * before them, closed after them, and not built at all when the dialect is skipped (PostgreSQL
 * without FIREBREAK_TEST_PG). Read `served.app` and `served.rt` inside the tests.
 */
export function servedDetection(dialect: TestDialect): { rt: Runtime; app: App } {
  const served = {} as { rt: Runtime; app: App };
  beforeAll(async () => {
    if (dialect.skip) return;
    served.rt = await testRuntime(dialect);
    served.app = await detectionApp(served.rt);
  });
  afterAll(async () => {
    await served.app?.close();
    await served.rt?.close();
  });
  return served;
}

/**
 * `servedDetection` listening on a loopback port, for CLI tests against a running server: `server`
 * holds the `--server URL` arguments that point a command at it.
 */
export function listeningDetection(dialect: TestDialect): {
  rt: Runtime;
  app: App;
  server: string[];
} {
  const served = servedDetection(dialect) as { rt: Runtime; app: App; server: string[] };
  beforeAll(async () => {
    if (dialect.skip) return;
    await served.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = served.app.server.address() as AddressInfo;
    served.server = ["--server", `http://127.0.0.1:${port}`];
  });
  return served;
}

/** The keys of one integration per receiver kind, and the webhook's id (its URL path). */
export interface Receivers {
  keys: { pagerduty: string; alertmanager: string; webhook: string };
  webhookId: string;
}

/**
 * Creates a PagerDuty, an Alertmanager and a generic webhook integration (with `mapping`) through
 * the API, as an operator would, for tests of the receivers.
 */
export async function createReceivers(
  app: App,
  mapping: Record<string, unknown>,
): Promise<Receivers> {
  const create = async (payload: Record<string, unknown>) => {
    const res = await app.inject({ method: "POST", url: "/api/v1/integrations", payload });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; key: string };
  };
  const pagerduty = await create({ kind: "pagerduty", name: "pagerduty test" });
  const alertmanager = await create({ kind: "alertmanager", name: "alertmanager test" });
  const webhook = await create({ kind: "webhook", name: "webhook test", mapping });
  return {
    keys: { pagerduty: pagerduty.key, alertmanager: alertmanager.key, webhook: webhook.key },
    webhookId: webhook.id,
  };
}

/** A Sysmon process-creation event (event id 1) as evtx_dump writes it. */
export function processEvent(
  host: string,
  commandLine: string,
  image = "C:\\Windows\\System32\\cmd.exe",
  time = new Date().toISOString(),
): Record<string, unknown> {
  return {
    Event: {
      System: {
        Provider: { "#attributes": { Name: "Microsoft-Windows-Sysmon" } },
        EventID: 1,
        Channel: "Microsoft-Windows-Sysmon/Operational",
        Computer: host,
        TimeCreated: { "#attributes": { SystemTime: time } },
      },
      EventData: {
        Image: image,
        CommandLine: commandLine,
        // One user per host, so that the default policy's user rules only group what they should.
        User: `CORP\\user-${host.toLowerCase()}`,
        ProcessId: 4242,
        ParentImage: "C:\\Windows\\explorer.exe",
      },
    },
  };
}

/** Shadow copy deletion (library rule, level critical, tag attack.t1490). */
export const shadowDelete = (host: string, time?: string) =>
  processEvent(
    host,
    "vssadmin.exe delete shadows /all /quiet",
    "C:\\Windows\\System32\\vssadmin.exe",
    time,
  );

/** Encoded PowerShell (library rule, level high). */
export const encodedPowershell = (host: string, time?: string) =>
  processEvent(
    host,
    "powershell.exe -NoP -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAKQA=",
    "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
    time,
  );

/** A harmless process start that no library rule matches. */
export const benign = (host: string, n = 0) =>
  processEvent(host, `notepad.exe C:\\Users\\alice\\notes-${n}.txt`, "C:\\Windows\\notepad.exe");

function securityEvent(
  host: string,
  eventId: number,
  data: Record<string, unknown>,
  provider = "Microsoft-Windows-Security-Auditing",
  time = new Date().toISOString(),
): Record<string, unknown> {
  return {
    Event: {
      System: {
        Provider: { "#attributes": { Name: provider } },
        EventID: eventId,
        Channel: "Security",
        Computer: host,
        TimeCreated: { "#attributes": { SystemTime: time } },
      },
      ...(eventId === 1102 ? { UserData: { LogFileCleared: data } } : { EventData: data }),
    },
  };
}

/** A failed logon (4625); ten for one account within five minutes fire the brute-force rule. */
export const failedLogon = (host: string, user: string, ip = "10.0.0.66") =>
  securityEvent(host, 4625, { TargetUserName: user, IpAddress: ip, LogonType: 3 });

/** The Security log cleared (1102; library rule, level high). */
export const logCleared = (host: string) =>
  securityEvent(host, 1102, { SubjectUserName: "admin" }, "Microsoft-Windows-Eventlog");

/**
 * Opens runtimes on `dialect` with the built-in library and `threads` detection threads
 * (FIREBREAK_DETECTION_THREADS), each on a database of its own, closed after each test. Call it
 * in a describe block; `open` skips the test when the dialect is skipped.
 */
export function threadedRuntimes(dialect: TestDialect) {
  const runtimes: Runtime[] = [];
  afterEach(async () => {
    for (const rt of runtimes.splice(0)) await rt.close();
  });
  return async (ctx: { skip: (why?: string) => void }, threads: number): Promise<Runtime> => {
    if (dialect.skip) ctx.skip(dialect.skip);
    const config = loadConfig(
      {
        library: [BUILTIN_LIBRARY_DIR],
        logLevel: "silent",
        dataDir: join(tmpdir(), `firebreak-test-${randomUUID()}`),
      },
      { FIREBREAK_DETECTION_THREADS: String(threads) },
    );
    const rt = runtimeFor(config, await dialect.open());
    runtimes.push(rt);
    await loadLibraryIfEmpty(rt);
    return rt;
  };
}
