/**
 * Matching a batch of events given as JSON text, one event a line: what a pool worker does with
 * each batch, and what the calling thread does with the same batch when there is no pool (one
 * thread, or before the workers are ready), so both give the same results.
 */
import { normalizeEvent } from "../events/normalize.js";
import type { SigmaEngine } from "../sigma/index.js";
import type { PooledResult } from "./pool.js";
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
  let at = 0;
  for (let from = 0; from <= text.length; at++) {
    let to = text.indexOf("\n", from);
    if (to < 0) to = text.length;
    const line = text.slice(from, to);
    from = to + 1;
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(line);
    } catch {
      each(at, undefined, line);
      continue;
    }
    const t = times?.[at];
    each(at, matchHere(engine, event, mode, t === undefined || !Number.isNaN(t) ? t : null), line);
  }
}
