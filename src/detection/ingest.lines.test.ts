import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import {
  encodedPowershell,
  failedLogon,
  shadowDelete,
  threadedRuntimes,
} from "../../test/support/detection.js";
import { DomainError } from "../domain/errors.js";
import type { Runtime } from "../runtime.js";
import { POOLED_MIN_EVENTS } from "./detection.js";
import { type IngestResult, ingestEvents } from "./ingest.service.js";

const T0 = Date.parse("2026-11-23T08:00:00Z");

/** Events at their own time, but every fourth, which says none (it stands at its arrival). */
function event(n: number): string {
  const host = `WS-${n % 5}`;
  const e =
    n % 3 === 0
      ? encodedPowershell(host)
      : n % 7 === 0
        ? shadowDelete(host)
        : failedLogon(host, `user-${n % 2}`);
  const system = (e as unknown as { Event: { System: Record<string, unknown> } }).Event.System;
  if (n % 4 === 0) delete system.TimeCreated;
  else
    system.TimeCreated = { "#attributes": { SystemTime: new Date(T0 + n * 1000).toISOString() } };
  // Spaces JSON.stringify would not write: the stored text must be the line's own.
  return JSON.stringify(e).replace('"Event":', '"Event" : ');
}

const deep = `${'{"a":'.repeat(70)}1${"}".repeat(70)}`;

/**
 * Lines that are no event, each as `readBatch` reads it when the whole body goes through the
 * event reader: broken values (one reaching into the next line, one over two lines that the
 * reader makes a value of), values that are not objects, too deep, two values on a line, and
 * blank lines, one blank only to `String.trim`.
 */
const badLines = [
  '{"broken": ',
  '{"a": "unterminated}',
  "42",
  "[1, 2]",
  '"text"',
  deep,
  "",
  "   ",
  "\u00a0",
  '{"x": 1} {"y": 2}',
  '{"a": 1}}',
  ' {"open": [',
  "1]}",
  '{"crlf": 1}\r',
];

/** `count` event lines with `odd` lines put in among them, from the second line on. */
function body(count: number, odd: string[]): string {
  const lines = Array.from({ length: count }, (_, n) => event(n));
  odd.forEach((line, i) => {
    lines.splice(1 + i * 5, 0, line);
  });
  return `${lines.join("\n")}\n`;
}

describe.each(TEST_DIALECTS)("NDJSON bodies read on the detection threads on $name", (dialect) => {
  const opened = threadedRuntimes(dialect);
  const open = async (ctx: { skip: (why?: string) => void }, threads: number) => {
    const rt = await opened(ctx, threads);
    expect(await rt.detection.startThreads()).toBe(threads);
    return rt;
  };
  /** One runtime matching on its own thread, one with two detection threads. */
  const both = async (ctx: { skip: (why?: string) => void }) =>
    [await open(ctx, 0), await open(ctx, 2)] as const;

  /** What a batch's answer says, alerts left to `stored`. */
  const answer = (r: IngestResult) => ({
    accepted: r.accepted,
    rejected: r.rejected,
    rejected_count: r.rejected_count,
    rejected_truncated: r.rejected_truncated,
  });

  /**
   * Every stored event's row but its id, by value; an arrival time shown as such. The value,
   * not its text: where the reader read the whole body, it stored values serialised again, and
   * the threads store each line's own text.
   */
  const stored = async (rt: Runtime) =>
    (await rt.db.kysely.selectFrom("events").selectAll().execute())
      .map(({ id: _, received_at, ...row }) => ({
        ...row,
        raw: JSON.stringify(JSON.parse(row.raw)),
        time: row.time_source === "arrival" && row.time === received_at ? "arrival" : row.time,
      }))
      .sort((x, y) => x.raw.localeCompare(y.raw));

  /** Alert keys and counts. */
  const alerts = async (rt: Runtime) =>
    (await rt.detection.alerts.list({}, 1000)).items
      .map((a) => [a.dedup_key, a.count])
      .sort((x, y) => String(x[0]).localeCompare(String(y[0])));

  it("rejects bad lines among good ones exactly as the server's own reader does", async (ctx) => {
    const [inline, threaded] = await both(ctx);
    const text = body(POOLED_MIN_EVENTS * 2, badLines);
    const [one, two] = await Promise.all([
      ingestEvents(inline, { text }),
      ingestEvents(threaded, { text }),
    ]);
    // The reader's own reading: an unterminated line costs the line it ran into too, a line
    // blank only to String.trim is a value, and an open line indented takes lines after it.
    expect(one.rejected.map((r) => r.reason)).toEqual([
      "unterminated value",
      "unterminated string",
      "an event must be a JSON object",
      "an event must be a JSON object",
      "an event must be a JSON object",
      expect.stringMatching(/^event nested deeper than 64 levels \(at a\.a\./),
      expect.stringMatching(/^invalid JSON/),
      "unexpected '}'",
      expect.stringMatching(/^invalid JSON/),
    ]);
    expect(answer(two)).toEqual(answer(one));
    expect(two.alerts).toBe(one.alerts);
    expect(await stored(threaded)).toEqual(await stored(inline));
    expect(await alerts(threaded)).toEqual(await alerts(inline));
    // The threads read the lines: each event keeps its line's text, where the reader, reading
    // the whole body, serialised its value again.
    const raws = async (rt: Runtime) =>
      (await rt.db.kysely.selectFrom("events").select("raw").execute()).map((r) => r.raw);
    expect(await raws(threaded)).toContain(event(0));
    expect(await raws(inline)).not.toContain(event(0));
  });

  it("reads valid lines that are no event, and blank ones, as the server's own reader does", async (ctx) => {
    const [inline, threaded] = await both(ctx);
    // No line that is not JSON: the reader reads line by line, and skips every blank one.
    const text = body(POOLED_MIN_EVENTS * 3, ["42", "", "\u00a0", deep, '"text"', "[1]", "{}"]);
    const [one, two] = await Promise.all([
      ingestEvents(inline, { text }),
      ingestEvents(threaded, { text }),
    ]);
    expect(one.rejected).toHaveLength(4);
    expect(answer(two)).toEqual(answer(one));
    expect(await stored(threaded)).toEqual(await stored(inline));
  });

  it("stores each event with its entities, its time and its line's own text", async (ctx) => {
    const [, threaded] = await both(ctx);
    const count = POOLED_MIN_EVENTS * 2;
    const before = Date.now();
    const result = await ingestEvents(threaded, { text: body(count, []) });
    expect(result.accepted).toBe(count);
    const rows = await threaded.db.kysely.selectFrom("events").selectAll().execute();
    const byText = new Map(rows.map((r) => [r.raw, r]));
    for (let n = 0; n < count; n++) {
      const row = byText.get(event(n));
      const e = JSON.parse(event(n)).Event;
      expect(row?.host).toBe(e.System.Computer);
      expect(row?.username).toBe(e.EventData?.TargetUserName ?? e.EventData?.User ?? null);
      if (n % 4 === 0) {
        expect(row?.time_source).toBe("arrival");
        expect(Date.parse(row?.time as string)).toBeGreaterThanOrEqual(before - 1);
      } else {
        expect(row?.time_source).toBe("event");
        expect(row?.time).toBe(new Date(T0 + n * 1000).toISOString());
      }
    }
  });

  it("refuses a body of which no line is an event with the same details", async (ctx) => {
    const [inline, threaded] = await both(ctx);
    // The first line looks like an object, so the body goes to the threads.
    const text = Array.from({ length: POOLED_MIN_EVENTS + 1 }, (_, i) =>
      i % 2 === 0 ? '{"broken": }' : String(i),
    ).join("\n");
    const refusal = (rt: Runtime) =>
      ingestEvents(rt, { text }).then(
        () => undefined,
        (e: unknown) => e,
      );
    const [one, two] = await Promise.all([refusal(inline), refusal(threaded)]);
    expect(one).toBeInstanceOf(DomainError);
    expect((one as DomainError).message).toMatch(/^no event could be read: \d+ malformed part/);
    expect(two).toEqual(one);
    expect((two as DomainError).details).toEqual((one as DomainError).details);
  });

  it("reads the lines of a worker that fails on this thread, the same", async (ctx) => {
    const [inline, threaded] = await both(ctx);
    const warnings: string[] = [];
    const warned = (w: Error) => warnings.push(w.message);
    process.on("warning", warned);
    try {
      const text = body(POOLED_MIN_EVENTS * 8, badLines);
      const one = await ingestEvents(inline, { text });
      const pending = ingestEvents(threaded, { text });
      // The lines are on their way to both workers: one of them is stopped under them.
      const { pool } = threaded.detection as unknown as {
        pool: { threads: { worker: { terminate(): Promise<number> } }[] };
      };
      await pool.threads[0]?.worker.terminate();
      const two = await pending;
      expect(answer(two)).toEqual(answer(one));
      expect(two.alerts).toBe(one.alerts);
      expect(await stored(threaded)).toEqual(await stored(inline));
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.some((w) => w.startsWith("detection threads stopped"))).toBe(true);
    } finally {
      process.off("warning", warned);
    }
  });
});
