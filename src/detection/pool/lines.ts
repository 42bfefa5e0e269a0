/**
 * Matching a batch of events given as JSON text, one event a line: what a pool worker does with
 * each batch, and what the calling thread does with the same batch when there is no pool (one
 * thread, or before the workers are ready), so both give the same results.
 */
import { eachLine, readEvent } from "../batch-reader.js";
import { normalizeEvent } from "../events/normalize.js";
import type { SigmaEngine } from "../sigma/index.js";
import type { LineRead, PooledResult } from "./pool.js";
import type { MatchRequest } from "./protocol.js";

/** UTF-8 as the event reader decodes it: invalid bytes become U+FFFD, a BOM stays a character. */
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** A batch's text: NDJSON lines come as their bytes (`EventLines`), decoded here. */
export function batchText(text: string | Uint8Array): string {
  return typeof text === "string" ? text : utf8.decode(text);
}

/** One event matched on this thread, as a worker would match it. */
export function matchHere(
  engine: SigmaEngine,
  event: Record<string, unknown>,
  mode: MatchRequest["mode"],
  time?: number | null,
): PooledResult {
  if (mode === "standalone") return { matches: engine.match(event) };
  const n = normalizeEvent(event);
  return engine.matchEvent(n, { time: time === undefined ? (n.time ?? null) : time });
}

/**
 * Parses, normalises and matches every line of `text` ("\n"-separated JSON objects), calling
 * `each` in order with the line's position and results, or `undefined` when the line is not JSON
 * (its text then goes to `parseEventsText` on the calling thread). `times`: each event's time in
 * ms (NaN: none) instead of the one it says.
 */
export function matchLines(
  engine: SigmaEngine,
  text: string,
  mode: MatchRequest["mode"],
  times: Float64Array | undefined,
  each: (at: number, result: PooledResult | undefined, line: string) => void,
): void {
  if (text.length === 0) return;
  eachLine(text, (from, to, at) => {
    const line = text.slice(from, to);
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(line);
    } catch {
      each(at, undefined, line);
      return;
    }
    const t = times?.[at];
    each(at, matchHere(engine, event, mode, t === undefined || !Number.isNaN(t) ? t : null), line);
  });
}

/** Blanks the event reader skips between values (JSON white space, and a BOM). */
const READER_BLANKS = /^[ \t\r\ufeff]*$/;

/**
 * Reads every line of `text` as the server ingests an NDJSON body (`readBatch`, `readEvent`) and
 * matches its events at their time (`arrival`, ms, for one that says none), calling `each` in
 * order: what a worker answers for a body's lines, and what the server does with lines a worker
 * failed on.
 */
export function readLines(
  engine: SigmaEngine,
  text: string,
  arrival: number,
  each: (at: number, read: LineRead) => void,
): void {
  eachLine(text, (from, to, at) => each(at, readLine(engine, text.slice(from, to), arrival)));
}

function readLine(engine: SigmaEngine, line: string, arrival: number): LineRead {
  if (line.trim() === "") return { kind: "blank", json: READER_BLANKS.test(line) };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: "unreadable" };
  }
  const read = readEvent(value, arrival);
  if (read.kind === "rejected") return read;
  const { normalized, entities, own } = read;
  return {
    kind: "event",
    entities,
    own,
    result: engine.matchEvent(normalized, { time: normalized.time ?? null }),
  };
}
