import {
  checkJsonLimits,
  formatJsonPath,
  MAX_EVENT_VALUES,
  MAX_JSON_DEPTH,
} from "../domain/json-limits.js";
import type { EventEntities, NormalizedEvent } from "./events/index.js";
import {
  type EventStreamItem,
  JsonEventSplitter,
  normalizeEvent,
  parseEventsText,
} from "./events/index.js";
import type { LineRead } from "./pool/pool.js";

/** A JSON value read from a batch. */
export interface BatchValue {
  value: unknown;
  /** 0-based position among the values read (malformed parts do not count). */
  index: number;
  /** 1-based line where it starts, when known. */
  line?: number;
  /** The value's own JSON text, when it was read from one line (saves serialising it again). */
  text?: string;
  /**
   * What a detection worker made of the value's line (`readLines`): then `value` is not read on
   * this thread (it is undefined), and an event comes with its matches.
   */
  read?: Extract<LineRead, { kind: "rejected" | "event" }>;
}

/** A malformed part of a batch. */
export interface BatchProblem {
  offset: number;
  line: number;
  column: number;
  message: string;
}

/**
 * Reads every JSON value of a batch body. The common shapes take a fast path through the
 * built-in JSON.parse — a whole JSON array, or NDJSON whose every line is one complete value —
 * and anything else (concatenated or pretty-printed objects, or any malformed part) is read by
 * the streaming event reader, which reports each malformed part and resumes after it. Both paths
 * yield the same values for the same input.
 */
export function readBatch(text: string): { values: BatchValue[]; problems: BatchProblem[] } {
  const start = text.search(/\S/);
  if (start < 0) return { values: [], problems: [] };
  if (text.charCodeAt(start) === 91 /* [ */) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed))
        return { values: parsed.map((value, index) => ({ value, index })), problems: [] };
    } catch {
      // Fall through to the streaming reader, which keeps the readable elements.
    }
  } else {
    const fast = ndjson(text);
    if (fast) return { values: fast, problems: [] };
  }
  const values: BatchValue[] = [];
  const problems: BatchProblem[] = [];
  for (const item of parseEventsText(text)) {
    if (item.kind === "error") problems.push(item);
    else values.push({ value: item.value, index: item.index, line: item.line });
  }
  return { values, problems };
}

/** NDJSON with one complete value per line, or undefined when a line is not one. */
function ndjson(text: string): BatchValue[] | undefined {
  const values: BatchValue[] = [];
  let whole = true;
  eachLine(text, (from, to, at) => {
    const piece = text.slice(from, to);
    if (!whole || piece.trim() === "") return;
    try {
      values.push({ value: JSON.parse(piece), index: values.length, line: at + 1, text: piece });
    } catch {
      whole = false;
    }
  });
  return whole ? values : undefined;
}

/** Event times outside 1970–9999 are kept in the raw event but not used as its time. */
const MAX_TIME = Date.UTC(9999, 11, 31);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** What ingestion makes of one JSON value of a batch (`readEvent`). */
export type EventRead =
  | { kind: "rejected"; reason: string }
  | {
      kind: "event";
      normalized: NormalizedEvent;
      entities: EventEntities;
      /** The time the event says, when it says one in range; else it stands at its arrival. */
      own: number | undefined;
    };

/**
 * Why a value of a batch is not stored, or the event it is, normalised at its own time or else at
 * `arrival` (ms): on the server's thread or, for NDJSON lines, on a detection worker alike.
 */
export function readEvent(value: unknown, arrival: number): EventRead {
  if (!isObject(value)) return { kind: "rejected", reason: "an event must be a JSON object" };
  // Measured before anything recurses over it: too deep or too big is this event's problem only.
  const tooMuch = checkJsonLimits(value, MAX_JSON_DEPTH, MAX_EVENT_VALUES);
  if (tooMuch)
    return {
      kind: "rejected",
      reason: `event ${tooMuch.reason} (at ${formatJsonPath(tooMuch.path) || "its top"})`,
    };
  const n = normalizeEvent(value, arrival);
  const own = n.time !== undefined && n.time >= 0 && n.time <= MAX_TIME ? n.time : undefined;
  // Live, the arrival time is a real time: an event that says none stands at it, in the store
  // and in correlation windows, flagged so that readers can tell (docs/event-time.md).
  n.time = own ?? arrival;
  return { kind: "event", normalized: n, entities: n.entities, own };
}

/**
 * Calls `each` with the bounds of every "\n"-separated line of `text` and its position: finds
 * line ends without reading the lines. An empty text is one empty line, as is what follows a
 * last "\n".
 */
export function eachLine(text: string, each: (from: number, to: number, at: number) => void): void {
  for (let from = 0, at = 0; from <= text.length; at++) {
    let to = text.indexOf("\n", from);
    if (to < 0) to = text.length;
    each(from, to, at);
    from = to + 1;
  }
}

/** An NDJSON body's lines, found without reading them: line i is `text.slice(starts[i], ends[i])`. */
export interface BodyLines {
  text: string;
  starts: number[];
  ends: number[];
}

/** Lines [from, to) of a body as one text, "\n" between them as in the body. */
export function linesText(body: BodyLines, from: number, to: number): string {
  return body.text.slice(body.starts[from], body.ends[to - 1]);
}

/**
 * The lines of a body whose first line holds a JSON object (`{` to `}`), as NDJSON's do;
 * undefined for any other body (a JSON array, pretty-printed JSON, no value), read by
 * `readBatch`.
 */
export function bodyLines(text: string): BodyLines | undefined {
  const first = text.search(/\S/);
  if (first < 0 || text.charCodeAt(first) !== 123 /* { */) return undefined;
  const eol = text.indexOf("\n", first);
  if (
    !text
      .slice(first, eol < 0 ? text.length : eol)
      .trimEnd()
      .endsWith("}")
  )
    return undefined;
  const starts: number[] = [];
  const ends: number[] = [];
  eachLine(text, (from, to) => {
    // Nothing after a last "\n": no line, as `ndjson` counts them.
    if (from < text.length) {
      starts.push(from);
      ends.push(to);
    }
  });
  return { text, starts, ends };
}

/**
 * A body's values and malformed parts from what the detection workers read of its lines
 * (`readLines`), exactly as `readBatch` reads the body. When a line is not JSON, `readBatch`
 * reads the whole body with the event reader, which may read that line together with the next
 * ones, and sees a value in a line blank but for white space JSON does not allow: such lines
 * are read again here with the event reader, from their start on until it is between values at
 * a line's end. Any other line is one value, which the event reader would read alike.
 */
export function valuesOfLines(
  body: BodyLines,
  lines: LineRead[],
): { values: BatchValue[]; problems: BatchProblem[] } {
  const values: BatchValue[] = [];
  const problems: BatchProblem[] = [];
  const collect = (items: EventStreamItem[]) => {
    for (const item of items)
      if (item.kind === "error") problems.push(item);
      else values.push({ value: item.value, index: values.length, line: item.line });
  };
  const scanned = lines.some((l) => l.kind === "unreadable");
  let reader: JsonEventSplitter | undefined;
  lines.forEach((line, i) => {
    const from = body.starts[i] as number;
    const to = body.ends[i] as number;
    const odd = line.kind === "unreadable" || (line.kind === "blank" && !line.json);
    if (!reader && scanned && odd) {
      reader = new JsonEventSplitter();
      reader.resumeAt(i + 1, from);
    }
    if (reader) {
      // The line with its "\n": the reader is between values only once past it.
      collect(reader.push(body.text.slice(from, to + 1)));
      if (reader.idle) reader = undefined;
    } else if (line.kind === "event" || line.kind === "rejected")
      values.push({
        value: undefined,
        index: values.length,
        line: i + 1,
        text: body.text.slice(from, to),
        read: line,
      });
  });
  if (reader) collect(reader.end());
  return { values, problems };
}
