import { afterEach, describe, expect, it } from "vitest";
import type { TimelineEntry } from "../domain/incident/model.js";
import { IncidentFeed } from "./incident-feed.js";

const entry = (seq: number): TimelineEntry => ({
  seq,
  recorded_at: new Date(seq * 1000).toISOString(),
  occurred_at: null,
  actor: { kind: "system", id: "test" },
  kind: "note",
  payload: { text: `entry ${seq}` },
  prev_hash: "",
  hash: "",
});

/** A timeline in memory, counting reads. */
function timeline() {
  const entries: TimelineEntry[] = [];
  const state = {
    entries,
    reads: 0,
    append: (n = 1) => {
      for (let i = 0; i < n; i++) entries.push(entry(entries.length + 1));
    },
    read: async (_id: string, after: number) => {
      state.reads++;
      return entries.filter((e) => e.seq > after);
    },
  };
  return state;
}

const until = async (check: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe("IncidentFeed", () => {
  let feed: IncidentFeed | undefined;
  afterEach(() => feed?.close());
  const incident = { id: "uuid-1", human_id: "INC-2026-0001" };

  it("delivers entries after each subscriber's own position, in order, once", async () => {
    const t = timeline();
    t.append(3);
    feed = new IncidentFeed(t.read, { intervalMs: 10 });
    const a: number[] = [];
    const b: number[] = [];
    const stopA = feed.subscribe(incident, 3, (es) => a.push(...es.map((e) => e.seq)));
    feed.subscribe(incident, 1, (es) => b.push(...es.map((e) => e.seq)));
    await until(() => b.length === 2);
    t.append(2);
    await until(() => a.length === 2 && b.length === 4);
    expect(a).toEqual([4, 5]);
    expect(b).toEqual([2, 3, 4, 5]);
    stopA();
    t.append();
    await until(() => b.length === 5);
    expect(a).toEqual([4, 5]);
  });

  it("polls at once when nudged by id or human id, without waiting for the interval", async () => {
    const t = timeline();
    feed = new IncidentFeed(t.read, { intervalMs: 60_000 });
    const got: number[] = [];
    feed.subscribe(incident, 0, (es) => got.push(...es.map((e) => e.seq)));
    await until(() => t.reads === 1);
    t.append();
    feed.nudge("INC-2026-0001");
    await until(() => got.length === 1);
    t.append();
    feed.nudge("uuid-1");
    await until(() => got.length === 2);
    feed.nudge("someone-else");
    expect(got).toEqual([1, 2]);
  });

  it("stops polling an incident nobody watches, and keeps going after a failed read", async () => {
    const t = timeline();
    let fail = true;
    const errors: unknown[] = [];
    feed = new IncidentFeed(
      async (id, after) => {
        if (fail) {
          fail = false;
          throw new Error("database briefly away");
        }
        return t.read(id, after);
      },
      { intervalMs: 10, onError: (e) => errors.push(e) },
    );
    t.append();
    const got: number[] = [];
    const stop = feed.subscribe(incident, 0, (es) => got.push(...es.map((e) => e.seq)));
    await until(() => got.length === 1);
    expect(errors).toHaveLength(1);
    expect(feed.watched).toBe(1);
    stop();
    expect(feed.watched).toBe(0);
    const reads = t.reads;
    await new Promise((r) => setTimeout(r, 50));
    expect(t.reads).toBe(reads);
  });
});
