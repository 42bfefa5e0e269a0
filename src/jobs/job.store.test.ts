import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import type { Db } from "../store/connect.js";
import { jobRepo } from "../store/job.repo.js";
import type { Job, JobStore } from "./job.types.js";

const T0 = new Date("2026-03-02T09:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

function firstOf<T>(items: readonly T[]): T {
  const item = items[0];
  if (item === undefined) throw new Error("expected at least one item");
  return item;
}

describe.each(TEST_DIALECTS)("job store on $name", (dialect) => {
  let db: Db;
  // Kinds made up for the test: the job system itself takes any text.
  let store: JobStore<string>;

  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    db = await dialect.open();
    store = jobRepo<string>(db);
  });
  afterEach(async () => {
    await db?.close();
  });

  it("schedules, claims only what is due, and completes", async () => {
    const due = await store.schedule({ kind: "t", payload: { n: 1 }, dueAt: T0 }, T0);
    await store.schedule({ kind: "t", payload: { n: 2 }, dueAt: at(60_000) }, T0);
    expect(due.created).toBe(true);
    expect(due.job).toMatchObject({ status: "pending", attempts: 0, payload: { n: 1 } });

    const claimed = await store.claimDue(at(1), "w1", 10, 5000);
    expect(claimed).toHaveLength(1);
    const claim = firstOf(claimed);
    expect(claim).toMatchObject({
      id: due.job.id,
      status: "running",
      attempts: 1,
      lockedBy: "w1",
      lockedUntil: at(5001).toISOString(),
      payload: { n: 1 },
    });
    expect(await store.claimDue(at(2), "w2", 10, 5000)).toEqual([]);

    expect(await store.complete(claim, at(3))).toBe(true);
    expect(await store.get(due.job.id)).toMatchObject({
      status: "done",
      finishedAt: at(3).toISOString(),
    });
    // A second completion of the same claim changes nothing.
    expect(await store.complete(claim, at(4))).toBe(false);
    expect((await store.claimDue(at(60_000), "w1", 10, 5000)).map((j) => j.payload)).toEqual([
      { n: 2 },
    ]);
  });

  it("claims the oldest due first, up to the limit, and only the kinds asked for", async () => {
    for (const [kind, offset] of [
      ["a", 30],
      ["a", 10],
      ["b", 0],
      ["a", 20],
    ] as const)
      await store.schedule({ kind, payload: offset, dueAt: at(offset) }, T0);
    const first = await store.claimDue(at(100), "w", 2, 1000, ["a"]);
    expect(first.map((j) => j.payload)).toEqual([10, 20]);
    expect((await store.claimDue(at(100), "w", 5, 1000, ["a"])).map((j) => j.payload)).toEqual([
      30,
    ]);
    expect(await store.claimDue(at(100), "w", 5, 1000, [])).toEqual([]);
    expect((await store.claimDue(at(100), "w", 5, 1000)).map((j) => j.kind)).toEqual(["b"]);
  });

  it("makes scheduling the same dedup key twice a no-op while the job is live", async () => {
    const first = await store.schedule({ kind: "t", payload: 1, dueAt: T0, dedupKey: "k" }, T0);
    const again = await store.schedule({ kind: "t", payload: 2, dueAt: at(5), dedupKey: "k" }, T0);
    expect(again).toMatchObject({ created: false, job: { id: first.job.id, payload: 1 } });

    const claim = firstOf(await store.claimDue(T0, "w", 10, 1000));
    // Running still counts: a failed attempt would turn it back into pending.
    const whileRunning = await store.schedule(
      { kind: "t", payload: 3, dueAt: T0, dedupKey: "k" },
      T0,
    );
    expect(whileRunning.created).toBe(false);
    await store.complete(claim, at(1));

    const afterwards = await store.schedule(
      { kind: "t", payload: 4, dueAt: T0, dedupKey: "k" },
      T0,
    );
    expect(afterwards.created).toBe(true);
    expect(afterwards.job.id).not.toBe(first.job.id);
    expect(await store.list({ dedupKeyPrefix: "k" })).toHaveLength(2);

    // Racing schedulers (several nodes reacting to one event) still make one job.
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.schedule({ kind: "t", payload: i, dueAt: T0, dedupKey: "race" }, T0),
      ),
    );
    expect(racing.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(racing.map((r) => r.job.id)).size).toBe(1);
  });

  it("cancels pending jobs by id or by dedup key prefix, literally and case-sensitively", async () => {
    const keys = ["esc:inc_1:0", "esc:inc_1:1", "esc:inc_2:0", "esc:INC_1:0", "other"];
    const jobs = [];
    for (const dedupKey of keys)
      jobs.push((await store.schedule({ kind: "t", payload: null, dueAt: T0, dedupKey }, T0)).job);
    const other = jobs[4] as (typeof jobs)[number];

    expect(await store.cancel({ dedupKeyPrefix: "esc:inc%" }, at(1))).toBe(0);
    expect(await store.cancel({ dedupKeyPrefix: "esc:inc_1:" }, at(1))).toBe(2);
    expect(await store.cancel({ id: other.id }, at(1))).toBe(1);
    expect(await store.cancel({ id: other.id }, at(2))).toBe(0);
    await expect(store.cancel({ dedupKeyPrefix: "" }, at(1))).rejects.toThrow(/empty/);

    const cancelled = await store.list({ status: "cancelled" });
    expect(cancelled.map((j) => j.dedupKey).sort()).toEqual([
      "esc:inc_1:0",
      "esc:inc_1:1",
      "other",
    ]);
    expect(cancelled[0]?.finishedAt).toBe(at(1).toISOString());
    const claimed = await store.claimDue(at(1), "w", 10, 1000);
    expect(claimed.map((j) => j.dedupKey).sort()).toEqual(["esc:INC_1:0", "esc:inc_2:0"]);
    // Running jobs are not cancelled: their handler finishes and must check state itself.
    expect(await store.cancel({ dedupKeyPrefix: "esc:" }, at(2))).toBe(0);
  });

  it("cancels by prefix exactly at the edges of the key range", async () => {
    // ";" follows ":" in code point order, "-" sorts near ":" in linguistic collations, and a
    // key may continue past the prefix with any character.
    const inside = ["esc:inc_1:", "esc:inc_1:é", "esc:inc_1:\u{10ffff}"];
    const outside = ["esc:inc_1;", "esc:inc_1-0", "esc:inc_1", "esc:inc_0:9", "esc:inc_10:0"];
    for (const dedupKey of [...inside, ...outside])
      await store.schedule({ kind: "t", payload: null, dueAt: T0, dedupKey }, T0);
    expect(await store.cancel({ dedupKeyPrefix: "esc:inc_1:" }, at(1))).toBe(inside.length);
    const cancelled = await store.list({ status: "cancelled" });
    expect(cancelled.map((j) => j.dedupKey).sort()).toEqual([...inside].sort());
    const pending = await store.list({ status: "pending", dedupKeyPrefix: "esc:inc_1" });
    expect(pending.map((j) => j.dedupKey).sort()).toEqual(
      ["esc:inc_1", "esc:inc_1-0", "esc:inc_1;", "esc:inc_10:0"].sort(),
    );
  });

  it("purges finished jobs older than the cut-off, never live ones", async () => {
    const old = await store.schedule({ kind: "t", payload: "old", dueAt: T0 }, T0);
    const recent = await store.schedule({ kind: "t", payload: "recent", dueAt: at(10) }, T0);
    const live = await store.schedule({ kind: "t", payload: "live", dueAt: at(1_000_000) }, T0);
    const cancelled = await store.schedule({ kind: "t", payload: "x", dueAt: at(5) }, T0);
    await store.cancel({ id: cancelled.job.id }, at(1));
    const [first] = await store.claimDue(at(2), "w", 1, 1000);
    await store.complete(first as Job, at(3));
    const [second] = await store.claimDue(at(20), "w", 1, 1000);
    await store.complete(second as Job, at(30));

    expect(await store.purgeFinishedBefore(at(4).toISOString(), 1)).toBe(1);
    expect(await store.purgeFinishedBefore(at(4).toISOString(), 10)).toBe(1);
    expect(await store.purgeFinishedBefore(at(4).toISOString(), 10)).toBe(0);
    expect(await store.get(old.job.id)).toBeUndefined();
    expect(await store.get(cancelled.job.id)).toBeUndefined();
    expect(await store.get(recent.job.id)).toMatchObject({ status: "done" });
    expect(await store.purgeFinishedBefore(at(2_000_000).toISOString(), 10)).toBe(1);
    expect(await store.get(live.job.id)).toMatchObject({ status: "pending" });
  });

  it("retries a failed attempt at the given time and gives up without one", async () => {
    const { job } = await store.schedule({ kind: "t", payload: null, dueAt: T0 }, T0);
    const first = firstOf(await store.claimDue(T0, "w", 1, 1000));
    expect(await store.fail(first, "peer down", at(10), at(2010))).toBe(true);
    expect(await store.get(job.id)).toMatchObject({
      status: "pending",
      dueAt: at(2010).toISOString(),
      lastError: "peer down",
      lockedBy: null,
      attempts: 1,
    });
    expect(await store.claimDue(at(2009), "w", 1, 1000)).toEqual([]);
    const second = firstOf(await store.claimDue(at(2010), "w", 1, 1000));
    expect(second?.attempts).toBe(2);
    expect(await store.fail(second, "still down", at(2020))).toBe(true);
    expect(await store.get(job.id)).toMatchObject({
      status: "failed",
      lastError: "still down",
      finishedAt: at(2020).toISOString(),
    });
    expect(await store.claimDue(at(1e9), "w", 1, 1000)).toEqual([]);
  });

  it("reclaims a job whose lease expired and ignores the old claim's outcome", async () => {
    const { job } = await store.schedule({ kind: "t", payload: null, dueAt: T0 }, T0);
    const crashed = firstOf(await store.claimDue(T0, "node-a", 1, 1000));
    expect(await store.claimDue(at(999), "node-b", 1, 1000)).toEqual([]);
    const taken = firstOf(await store.claimDue(at(1000), "node-b", 1, 1000));
    expect(taken).toMatchObject({ id: job.id, lockedBy: "node-b", attempts: 2 });

    expect(await store.extendLease(crashed, at(1001), 1000)).toBe(false);
    expect(await store.complete(crashed, at(1001))).toBe(false);
    expect(await store.fail(crashed, "late", at(1001), at(2000))).toBe(false);
    expect(await store.extendLease(taken, at(1500), 1000)).toBe(true);
    expect(await store.claimDue(at(2400), "node-c", 1, 1000)).toEqual([]);
    expect(await store.complete(taken, at(1600))).toBe(true);
    expect(await store.get(job.id)).toMatchObject({ status: "done", lockedBy: "node-b" });
  });

  it("fails an expired job that has used its last attempt instead of running it again", async () => {
    const { job } = await store.schedule(
      { kind: "t", payload: null, dueAt: T0, maxAttempts: 1 },
      T0,
    );
    await store.claimDue(T0, "node-a", 1, 1000);
    expect(await store.claimDue(at(5000), "node-b", 1, 1000)).toEqual([]);
    expect(await store.get(job.id)).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: expect.stringMatching(/lease expired/),
    });
  });

  it("lists by status and kind, soonest due first", async () => {
    await store.schedule({ kind: "a", payload: 2, dueAt: at(2) }, T0);
    await store.schedule({ kind: "b", payload: 1, dueAt: at(1) }, T0);
    await store.schedule({ kind: "a", payload: 0, dueAt: at(0) }, T0);
    expect((await store.list()).map((j) => j.payload)).toEqual([0, 1, 2]);
    expect((await store.list({ kind: "a", limit: 1 })).map((j) => j.payload)).toEqual([0]);
    expect(await store.list({ status: ["done", "failed"] })).toEqual([]);
    await expect(
      store.schedule({ kind: "a", payload: null, dueAt: T0, maxAttempts: 0 }, T0),
    ).rejects.toThrow(/maxAttempts/);
  });
});
