import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { BUILTIN_LIBRARY_DIR } from "../../src/documents/library.js";
import { EVENTS_PURGE } from "../../src/jobs/job-kinds.js";
import {
  loadLibraryIfEmpty,
  type RunningWorker,
  type Runtime,
  runtimeFor,
  startJobWorker,
} from "../../src/runtime.js";
import type { App } from "../../src/server/app.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { benign, detectionApp, encodedPowershell } from "../support/detection.js";
import { waitFor } from "../support/wait.js";

/**
 * Issue 15: with FIREBREAK_EVENT_RETENTION=PT1S, events ingested into a running server (the HTTP
 * app and the job worker `serve` starts, in process) are gone from the database after the next
 * retention run; the alerts they raised stay.
 */
describe.each(TEST_DIALECTS)("event retention in a running server on $name", (dialect) => {
  let rt: Runtime | undefined;
  let app: App | undefined;
  let worker: RunningWorker | undefined;
  afterEach(async () => {
    await app?.close();
    await worker?.stop();
    await rt?.close();
    app = worker = rt = undefined;
  });

  it("purges ingested events on the retention interval and keeps their alerts", async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    const config = loadConfig(
      { library: [BUILTIN_LIBRARY_DIR], logLevel: "silent" },
      { FIREBREAK_EVENT_RETENTION: "PT1S", FIREBREAK_EVENT_RETENTION_INTERVAL: "PT1S" },
    );
    rt = runtimeFor(config, await dialect.open());
    await loadLibraryIfEmpty(rt);
    app = await detectionApp(rt);
    worker = await startJobWorker(rt, { linkBase: "http://firebreak.test", pollMs: 50 });
    const k = rt.db.kysely;
    const count = async (table: "events" | "alerts" | "alert_events") =>
      Number(
        (
          await k
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirst()
        )?.n,
      );

    const res = await app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: { "content-type": "application/x-ndjson" },
      payload: [benign("RET-2"), encodedPowershell("RET-2"), benign("RET-3", 1)]
        .map((e) => JSON.stringify(e))
        .join("\n"),
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 3 });
    expect(await count("events")).toBe(3);
    expect(await count("alert_events")).toBe(1);

    const started = Date.now();
    await waitFor(
      "the retention run to purge the events",
      async () => (await count("events")) === 0,
    );
    // The first run is one interval after start; events are a second old one interval later.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await count("alert_events")).toBe(0);
    const alerts = await k.selectFrom("alerts").select(["count", "host"]).execute();
    expect(alerts).toEqual([{ count: 1, host: "RET-2" }]);

    // The purge recurs as one chain: runs done, exactly one next run pending.
    const jobs = await rt.jobs.list({ kind: EVENTS_PURGE, limit: 1000 });
    expect(jobs.filter((j) => j.status === "done").length).toBeGreaterThanOrEqual(1);
    expect(jobs.filter((j) => j.status === "pending" || j.status === "running")).toHaveLength(1);
  });
});
