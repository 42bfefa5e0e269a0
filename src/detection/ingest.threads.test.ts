import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import {
  encodedPowershell,
  failedLogon,
  shadowDelete,
  threadedRuntimes,
} from "../../test/support/detection.js";
import type { Runtime } from "../runtime.js";
import { POOLED_MIN_EVENTS } from "./detection.js";
import { ingestEvents } from "./ingest.service.js";

const T0 = Date.parse("2026-11-23T08:00:00Z");

/** An event at its own time (ms after T0), so that every runtime sees the same windows. */
function at<T extends Record<string, unknown>>(event: T, ms: number): T {
  const system = (event as unknown as { Event: { System: Record<string, unknown> } }).Event.System;
  system.TimeCreated = { "#attributes": { SystemTime: new Date(T0 + ms).toISOString() } };
  return event;
}

/**
 * Batches of process starts and failed logons on a few hosts and users: standalone rule matches
 * and brute-force correlations (ten failures of one account in five minutes) whose windows span
 * batches.
 */
function batches(count: number, size: number): string[] {
  const out: string[] = [];
  for (let b = 0; b < count; b++) {
    const lines: string[] = [];
    for (let i = 0; i < size; i++) {
      const n = b * size + i;
      const host = `WS-${n % 7}`;
      const event =
        n % 5 === 0
          ? encodedPowershell(host)
          : n % 11 === 0
            ? shadowDelete(host)
            : failedLogon(host, `user-${n % 3}`);
      lines.push(JSON.stringify(at(event, n * 1000)));
    }
    out.push(lines.join("\n"));
  }
  return out;
}

describe.each(TEST_DIALECTS)("ingestion on worker threads on $name", (dialect) => {
  const open = threadedRuntimes(dialect);
  /** Every alert's key, count, times and linked events, in key order. */
  const alerts = async (rt: Runtime) =>
    (
      await Promise.all(
        (
          await rt.detection.alerts.list({}, 1000)
        ).items.map(async (a) => ({
          key: a.dedup_key,
          count: a.count,
          first_seen: a.first_seen,
          last_seen: a.last_seen,
          events: (await rt.detection.events.forAlert(a.id, 1)).total,
        })),
      )
    ).sort((x, y) => x.key.localeCompare(y.key));

  it("raises the same alerts and correlations as one thread, batch after batch", async (ctx) => {
    const inline = await open(ctx, 0);
    const threaded = await open(ctx, 2);
    expect(await inline.detection.startThreads()).toBe(0);
    expect(await threaded.detection.startThreads()).toBe(2);
    const sent = batches(4, 200);
    for (const text of sent) {
      const [one, two] = await Promise.all([
        ingestEvents(inline, { text }),
        ingestEvents(threaded, { text }),
      ]);
      expect(two.accepted).toBe(200);
      expect(two.alerts).toBe(one.alerts);
    }
    const expected = await alerts(inline);
    // The brute-force correlation fired, on windows spanning batches.
    expect(expected.some((a) => a.key.startsWith("5d5800b3"))).toBe(true);
    expect(await alerts(threaded)).toEqual(expected);
  });

  it("correlates requests matched at once in the order they came; goes on inline once the threads stop", async (ctx) => {
    const inline = await open(ctx, 0);
    const rt = await open(ctx, 2);
    expect(await rt.detection.startThreads()).toBe(2);
    const sent = batches(5, POOLED_MIN_EVENTS * 3);
    for (const text of sent) await ingestEvents(inline, { text });
    const first = sent.slice(0, 4);
    const results = await Promise.all(first.map((text) => ingestEvents(rt, { text })));
    expect(results.map((r) => r.accepted)).toEqual(first.map(() => POOLED_MIN_EVENTS * 3));
    await rt.detection.close();
    expect(await rt.detection.startThreads()).toBe(0);
    const after = await ingestEvents(rt, { text: sent[4] as string });
    expect(after.accepted).toBe(POOLED_MIN_EVENTS * 3);
    expect(await alerts(rt)).toEqual(await alerts(inline));
    const stored = await rt.db.kysely
      .selectFrom("events")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(5 * POOLED_MIN_EVENTS * 3);
  });
});
