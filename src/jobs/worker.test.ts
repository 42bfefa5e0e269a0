import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PG_URL, TEST_DIALECTS } from "../../test/support/databases.js";
import { waitFor } from "../../test/support/wait.js";
import { type Db, openDatabase } from "../store/connect.js";
import { jobRepo } from "../store/job.repo.js";
import type { JobStore } from "./job.types.js";
import { JobWorker, type JobWorkerOptions, PermanentJobError } from "./worker.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Another connection pool on the same test database: what a second node would have. */
async function secondNode(db: Db): Promise<Db> {
  if (db.dialect === "sqlite") return { ...db, close: async () => {} };
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(
    db.kysely,
  );
  const url = new URL(PG_URL as string);
  url.pathname = `/${rows[0]?.name}`;
  return openDatabase({ url: url.toString() });
}

describe.each(TEST_DIALECTS)("job worker on $name", (dialect) => {
  let db: Db;
  // Kinds made up for the test: the job system itself takes any text.
  let store: JobStore<string>;
  const workers: JobWorker[] = [];
  const nodes: Db[] = [];
  const worker = (options: Partial<JobWorkerOptions> = {}) => {
    const w = new JobWorker({ store, pollMs: 20, ...options });
    workers.push(w);
    return w;
  };

  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    db = await dialect.open();
    store = jobRepo<string>(db);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await Promise.all(nodes.splice(0).map((n) => n.close()));
    await db?.close();
  });

  it("fires a timer that fell due while no worker ran as soon as one starts", async () => {
    const { job } = await store.schedule(
      { kind: "clock.reminder", payload: { clock: "c1" }, dueAt: new Date(Date.now() - 3600_000) },
      new Date(),
    );
    const seen: unknown[] = [];
    // A long poll interval: only the poll that start() makes at once can explain a quick run.
    const w = worker({ pollMs: 60_000 }).handle("clock.reminder", async (j, ctx) => {
      seen.push({ payload: j.payload, attempt: ctx.attempt, last: ctx.isLastAttempt });
    });
    const started = Date.now();
    w.start();
    await waitFor("the job to be done", async () => (await store.get(job.id))?.status === "done");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(seen).toEqual([{ payload: { clock: "c1" }, attempt: 1, last: false }]);
  });

  it("retries a failing job with exponential backoff until it succeeds", async () => {
    const { job } = await store.schedule(
      { kind: "flaky", payload: null, dueAt: new Date() },
      new Date(),
    );
    const runs: number[] = [];
    worker({ backoff: { baseMs: 150, maxMs: 10_000 } })
      .handle("flaky", async () => {
        runs.push(Date.now());
        if (runs.length < 3) throw new Error(`refused ${runs.length}`);
      })
      .start();
    await waitFor("the job to be done", async () => (await store.get(job.id))?.status === "done");
    expect(runs).toHaveLength(3);
    const [a = 0, b = 0, c = 0] = runs;
    expect(b - a).toBeGreaterThanOrEqual(140);
    expect(c - b).toBeGreaterThanOrEqual(290);
    expect(await store.get(job.id)).toMatchObject({ attempts: 3, lastError: "refused 2" });
  });

  it("gives up after the last attempt, or at once on a permanent error, keeping the error", async () => {
    const now = new Date();
    const tired = await store.schedule(
      { kind: "down", payload: null, dueAt: now, maxAttempts: 3 },
      now,
    );
    const doomed = await store.schedule({ kind: "bad", payload: null, dueAt: now }, now);
    const lastFlags: boolean[] = [];
    worker({ backoff: { baseMs: 10, maxMs: 10 } })
      .handle("down", async (_job, ctx) => {
        lastFlags.push(ctx.isLastAttempt);
        throw new Error("connection refused");
      })
      .handle("bad", async () => {
        throw new PermanentJobError("no such channel");
      })
      .start();
    await waitFor("both jobs to fail", async () => {
      const jobs = await store.list({ status: "failed" });
      return jobs.length === 2;
    });
    expect(await store.get(tired.job.id)).toMatchObject({
      attempts: 3,
      lastError: "connection refused",
    });
    expect(lastFlags).toEqual([false, false, true]);
    expect(await store.get(doomed.job.id)).toMatchObject({
      attempts: 1,
      lastError: "no such channel",
    });
  });

  it("leaves jobs of kinds it has no handler for to other workers", async () => {
    const now = new Date();
    const { job } = await store.schedule({ kind: "elsewhere", payload: null, dueAt: now }, now);
    const w = worker().handle("here", async () => {});
    expect(await w.poll()).toBe(0);
    expect(await store.get(job.id)).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("stops cleanly: stop() waits for the running handler and records its outcome", async () => {
    const { job } = await store.schedule(
      { kind: "slow", payload: null, dueAt: new Date() },
      new Date(),
    );
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let entered = false;
    const w = worker().handle("slow", async () => {
      entered = true;
      await gate;
    });
    w.start();
    await waitFor("the handler to start", () => entered);
    let stopped = false;
    const stopping = w.stop().then(() => {
      stopped = true;
    });
    await sleep(150);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await store.get(job.id)).toMatchObject({ status: "done" });
  });

  it("never runs a job twice at once: the lease is renewed while a long handler runs", async () => {
    const { job } = await store.schedule(
      { kind: "long", payload: null, dueAt: new Date() },
      new Date(),
    );
    let running = 0;
    let most = 0;
    let runs = 0;
    const handler = async () => {
      runs++;
      running++;
      most = Math.max(most, running);
      await sleep(1200);
      running--;
    };
    for (let i = 0; i < 2; i++) {
      const node = await secondNode(db);
      nodes.push(node);
      // A 400 ms lease on a 1.2 s job: without renewal the other worker would take it over.
      worker({ store: jobRepo(node), leaseMs: 400 })
        .handle("long", handler)
        .start();
    }
    await waitFor("the job to be done", async () => (await store.get(job.id))?.status === "done");
    expect({ runs, most }).toEqual({ runs: 1, most: 1 });
    expect((await store.get(job.id))?.attempts).toBe(1);
  });

  it("runs each of 200 due jobs exactly once with 4 workers racing, each on its own pool", async () => {
    const now = new Date();
    for (let i = 0; i < 200; i++)
      await store.schedule(
        { kind: "race", payload: { i }, dueAt: now, dedupKey: `race:${i}` },
        now,
      );
    const runsById = new Map<string, number>();
    const jobsByWorker = new Map<string, number>();
    for (let n = 0; n < 4; n++) {
      const node = await secondNode(db);
      nodes.push(node);
      const w = worker({ store: jobRepo(node), concurrency: 5, pollMs: 10 });
      w.handle("race", async (job) => {
        runsById.set(job.id, (runsById.get(job.id) ?? 0) + 1);
        jobsByWorker.set(w.workerId, (jobsByWorker.get(w.workerId) ?? 0) + 1);
        await sleep(Math.random() * 5);
      });
    }
    for (const w of workers) w.start();
    await waitFor(
      "all 200 jobs to be done",
      async () => (await store.list({ status: "done", limit: 1000 })).length === 200,
      30_000,
    );
    await Promise.all(workers.map((w) => w.stop()));
    expect(runsById.size).toBe(200);
    expect([...runsById.values()].every((n) => n === 1)).toBe(true);
    const all = await store.list({ limit: 1000 });
    expect(all.every((j) => j.status === "done" && j.attempts === 1)).toBe(true);
    expect(jobsByWorker.size).toBeGreaterThan(1);
  });
});
