import { describe, expect, it } from "vitest";
import { bodyLines, linesText, readBatch, readEvent, valuesOfLines } from "./batch-reader.js";
import { readLines } from "./pool/lines.js";
import type { LineRead } from "./pool/pool.js";
import { loadRules, SigmaEngine } from "./sigma/index.js";

const engine = new SigmaEngine(loadRules([]));
const ARRIVAL = Date.parse("2026-11-23T08:00:00Z");

/** Lines an NDJSON body may hold, good and bad, alone or over two lines. */
const FRAGMENTS = [
  '{"EventID": 1, "Image": "C:\\\\x.exe"}',
  '{"@timestamp": "2026-11-23T08:00:00Z", "host": {"name": "ws-1"}}',
  "{}",
  "42",
  '"text"',
  "[1, 2]",
  "null",
  "",
  "  ",
  "\t\r",
  "\u00a0",
  "\ufeff",
  '{"broken": ',
  '{"a": "unterminated}',
  '{"x": 1} {"y": 2}',
  '{"a": 1}}',
  ' {"open": [',
  "1]}",
  "}",
  "]",
  ",",
  '{"crlf": 1}\r',
  '  {"indented": true}  ',
  `${'{"a":'.repeat(70)}1${"}".repeat(70)}`,
  '{"a": [1, 2',
  "tru",
  '{"esc": "\\\\"}',
];

/** A fixed-seed sequence of bodies: an object line first (as `bodyLines` wants), then any. */
function* bodies(count: number): Generator<string> {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  for (let b = 0; b < count; b++) {
    const lines = [FRAGMENTS[0] as string];
    const n = 1 + (next() % 12);
    for (let i = 0; i < n; i++) lines.push(FRAGMENTS[next() % FRAGMENTS.length] as string);
    yield lines.join("\n") + (next() % 2 === 0 ? "\n" : "");
  }
}

/** What the threads would answer for a body's lines, read here the way they read them. */
function linesRead(text: string): LineRead[] {
  const body = bodyLines(text);
  if (!body) throw new Error("not an NDJSON body");
  const out: LineRead[] = [];
  readLines(engine, linesText(body, 0, body.starts.length), ARRIVAL, (_, line) => out.push(line));
  return out;
}

/** A batch's values and problems as ingestion sees them: index, line, and what it makes of each. */
function outcome(read: ReturnType<typeof readBatch>) {
  return {
    problems: read.problems.map(({ offset, line, column, message }) => ({
      offset,
      line,
      column,
      message,
    })),
    values: read.values.map((v) => {
      const r = v.read ?? readEvent(v.value, ARRIVAL);
      return {
        index: v.index,
        line: v.line,
        ...(r.kind === "rejected" ? { reason: r.reason } : { entities: r.entities, own: r.own }),
      };
    }),
  };
}

describe("valuesOfLines", () => {
  it("reads a body from the threads' answers exactly as readBatch reads it", () => {
    let scanned = 0;
    for (const text of bodies(400)) {
      const body = bodyLines(text);
      if (!body) throw new Error(`not an NDJSON body: ${JSON.stringify(text)}`);
      const lines = linesRead(text);
      expect(lines).toHaveLength(body.starts.length);
      if (lines.some((l) => l.kind === "unreadable")) scanned++;
      expect(outcome(valuesOfLines(body, lines)), JSON.stringify(text)).toEqual(
        outcome(readBatch(text)),
      );
    }
    // Both readings of readBatch were compared: line by line, and by the event reader.
    expect(scanned).toBeGreaterThan(100);
    expect(scanned).toBeLessThan(400);
  });

  it("finds no NDJSON body in a JSON array, pretty-printed JSON or blanks", () => {
    expect(bodyLines('[{"a": 1}]')).toBeUndefined();
    expect(bodyLines('{\n  "a": 1\n}\n')).toBeUndefined();
    expect(bodyLines(" \n\t")).toBeUndefined();
    expect(bodyLines('{"a": 1}\n{"b": 2}\n')?.starts).toEqual([0, 9]);
  });
});
