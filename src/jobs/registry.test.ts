import { afterEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { testRuntime } from "../../test/support/runtime.js";
import { channelSet } from "../comms/channels/channels.js";
import { fixedClock } from "../domain/clock.js";
import { jobRegistryFor, type Runtime } from "../runtime.js";
import type { JobStore } from "./job.types.js";
import {
  EVENTS_PURGE,
  JOB_KINDS,
  JOBS_PURGE,
  type JobKind,
  PREPARATION_SYNC,
} from "./job-kinds.js";
import {
  createJobRegistry,
  defineJob,
  type JobDefinition,
  JobRegistryError,
  registerJobs,
  scheduleRecurring,
  startRegistryWorker,
} from "./registry.js";
import { JobWorker } from "./worker.js";

const T0 = "2026-11-02T09:00:00.000Z";
const HOUR = 3_600_000;
const noop = async () => {};
const onDemand = (kind: JobKind): JobDefinition =>
  defineJob({ kind, handler: noop, schedule: { type: "on-demand" } });
const all = () => JOB_KINDS.map(onDemand);

describe("job registry", () => {
  it("lets nothing schedule a kind outside job-kinds.ts (checked by the compiler)", () => {
    // Never called: `tsc` fails if the line under @ts-expect-error ever compiles.
    const typeLevel = (store: JobStore) => {
      // @ts-expect-error "events.prune" is not a job kind (a typo of events.purge).
      void store.schedule({ kind: "events.prune", payload: {}, dueAt: new Date() }, new Date());
      void store.schedule({ kind: EVENTS_PURGE, payload: {}, dueAt: new Date() }, new Date());
    };
    expect(typeLevel).toBeTypeOf("function");
  });

  it("takes every job kind exactly once", () => {
    expect(createJobRegistry(all()).definitions.map((d) => d.kind)).toEqual([...JOB_KINDS]);
  });

  it("refuses a kind without a handler, a kind twice, an unknown kind and a zero interval", () => {
    const bad = [
      ...all().filter((d) => d.kind !== EVENTS_PURGE && d.kind !== PREPARATION_SYNC),
      onDemand("notification.deliver"),
      onDemand("events.prune" as JobKind),
      defineJob({
        kind: PREPARATION_SYNC,
        handler: noop,
        schedule: { type: "recurring", everyMs: 0, firstAfterMs: 0 },
      }),
    ];
    try {
      createJobRegistry(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(JobRegistryError);
      expect((e as JobRegistryError).problems).toEqual([
        "notification.deliver is defined twice",
        "unknown job kind events.prune",
        "preparation.sync recurs every 0 ms",
        "no handler for events.purge",
      ]);
    }
  });
});

describe.each(TEST_DIALECTS)("job registry on $name", (dialect) => {
  let rt: Runtime | undefined;
  const workers: JobWorker[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await rt?.close();
    rt = undefined;
  });

  const open = async (skip: (why: string) => void) => {
    if (dialect.skip) skip(dialect.skip);
    const clock = fixedClock(T0);
    rt = await testRuntime(dialect, { clock });
    return { rt, clock };
  };
  const recurring = (kind: JobKind, everyMs: number, handler = noop) =>
    defineJob({ kind, handler, schedule: { type: "recurring", everyMs, firstAfterMs: 1000 } });
  const live = async (store: JobStore, kind: JobKind) =>
    (await store.list({ kind, status: ["pending", "running"] })).map((j) => j.dueAt);

  it("is what the composition root builds: every kind, retention and sync recurring hourly", async (ctx) => {
    const { rt } = await open(ctx.skip);
    const registry = jobRegistryFor(rt, {
      channels: channelSet([]),
      env: {},
      linkBase: "http://firebreak.test",
    });
    expect(registry.definitions.map((d) => d.kind).sort()).toEqual([...JOB_KINDS].sort());
    expect(
      registry.definitions
        .filter((d) => d.schedule.type === "recurring")
        .map((d) => [d.kind, d.schedule.type === "recurring" && d.schedule.everyMs]),
    ).toEqual([
      [PREPARATION_SYNC, HOUR],
      [EVENTS_PURGE, HOUR],
      [JOBS_PURGE, HOUR],
    ]);
  });

  it("schedules a recurring job once however many nodes start, and keeps it across restarts", async (ctx) => {
    const { rt, clock } = await open(ctx.skip);
    const defs = [recurring(EVENTS_PURGE, HOUR)];
    const created = await Promise.all(
      Array.from({ length: 5 }, () => scheduleRecurring(rt.jobs, defs, clock.now())),
    );
    expect(created.flat()).toEqual([EVENTS_PURGE]);
    expect(await live(rt.jobs, EVENTS_PURGE)).toEqual(["2026-11-02T09:00:01.000Z"]);

    // A restart half an hour later continues the chain instead of starting another.
    clock.advance(HOUR / 2);
    expect(await scheduleRecurring(rt.jobs, defs, clock.now())).toEqual([]);
    expect(await live(rt.jobs, EVENTS_PURGE)).toEqual(["2026-11-02T09:00:01.000Z"]);
  });

  it("brings a pending run forward when the interval was shortened", async (ctx) => {
    const { rt, clock } = await open(ctx.skip);
    await rt.jobs.schedule(
      {
        kind: EVENTS_PURGE,
        payload: {},
        dueAt: new Date("2026-11-03T09:00:00Z"),
        dedupKey: EVENTS_PURGE,
      },
      clock.now(),
    );
    const changed = await scheduleRecurring(rt.jobs, [recurring(EVENTS_PURGE, HOUR)], clock.now());
    expect(changed).toEqual([EVENTS_PURGE]);
    expect(await live(rt.jobs, EVENTS_PURGE)).toEqual(["2026-11-02T09:00:01.000Z"]);
  });

  it("schedules the next run when a run ends, done or failed for good, never on a retry", async (ctx) => {
    const { rt, clock } = await open(ctx.skip);
    let failing = false;
    const runs: string[] = [];
    const worker = new JobWorker({ store: rt.jobs, clock, pollMs: 60_000 });
    workers.push(worker);
    const defs = [
      recurring(EVENTS_PURGE, HOUR, async () => {
        runs.push(clock.now().toISOString());
        if (failing) throw new Error("database busy");
      }),
    ];
    registerJobs(worker, defs);
    await scheduleRecurring(rt.jobs, defs, clock.now());
    const drain = async () => {
      while ((await worker.poll()) > 0) await worker.idle();
    };

    clock.advance(1000);
    await drain();
    expect(await live(rt.jobs, EVENTS_PURGE)).toEqual(["2026-11-02T10:00:01.000Z"]);

    // The next run fails on every attempt: retries keep the one job; after the last the chain goes on.
    failing = true;
    clock.set("2026-11-02T10:00:01.000Z");
    for (let attempt = 0; attempt < 5; attempt++) {
      await drain();
      clock.advance(10 * 60_000);
    }
    const failed = await rt.jobs.list({ kind: EVENTS_PURGE, status: "failed" });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ attempts: 5, lastError: "database busy" });
    const next = await live(rt.jobs, EVENTS_PURGE);
    expect(next).toHaveLength(1);
    expect(Date.parse(next[0] as string) - Date.parse(failed[0]?.finishedAt as string)).toBe(HOUR);
    expect(runs).toHaveLength(6);
    expect(await rt.jobs.list({ kind: EVENTS_PURGE, status: "done" })).toHaveLength(1);
  });

  it("merges a run scheduled under an older key into the one chain (an upgraded database)", async (ctx) => {
    const { rt, clock } = await open(ctx.skip);
    // Before the registry, preparation.sync chained itself under hourly keys.
    await rt.jobs.schedule(
      {
        kind: PREPARATION_SYNC,
        payload: {},
        dueAt: clock.now(),
        dedupKey: "preparation.sync:2026-11-02T09",
      },
      clock.now(),
    );
    const worker = new JobWorker({ store: rt.jobs, clock, pollMs: 60_000 });
    workers.push(worker);
    const defs = [recurring(PREPARATION_SYNC, HOUR)];
    registerJobs(worker, defs);
    await scheduleRecurring(rt.jobs, defs, clock.now());
    clock.advance(1000);
    while ((await worker.poll()) > 0) await worker.idle();
    expect(await live(rt.jobs, PREPARATION_SYNC)).toEqual(["2026-11-02T10:00:01.000Z"]);
    expect(await rt.jobs.list({ kind: PREPARATION_SYNC, status: "done" })).toHaveLength(2);
  });

  it("starts a worker from the registry: every kind handled, recurring jobs scheduled", async (ctx) => {
    const { rt, clock } = await open(ctx.skip);
    const seen: string[] = [];
    const defs = all().map((d) =>
      d.kind === EVENTS_PURGE
        ? recurring(EVENTS_PURGE, HOUR, async () => {
            seen.push(EVENTS_PURGE);
          })
        : d,
    );
    const worker = await startRegistryWorker(createJobRegistry(defs), {
      store: rt.jobs,
      clock,
      pollMs: 20,
    });
    workers.push(worker);
    clock.advance(1000);
    worker.wake();
    await expect.poll(() => seen, { timeout: 5000 }).toEqual([EVENTS_PURGE]);
  });
});
