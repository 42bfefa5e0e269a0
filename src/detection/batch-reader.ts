import { parseEventsText } from "./events/index.js";

/** A JSON value read from a batch. */
export interface BatchValue {
  value: unknown;
  /** 0-based position among the values read (malformed parts do not count). */
  index: number;
  /** 1-based line where it starts, when known. */
  line?: number;
  /** The value's own JSON text, when it was read from one line (saves serialising it again). */
  text?: string;
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

/** NDJSON with one complete value per line, or undefined as soon as a line is not one. */
function ndjson(text: string): BatchValue[] | undefined {
  const values: BatchValue[] = [];
  let from = 0;
  let line = 1;
  while (from < text.length) {
    let to = text.indexOf("\n", from);
    if (to < 0) to = text.length;
    const piece = text.slice(from, to);
    if (piece.trim() !== "") {
      try {
        values.push({ value: JSON.parse(piece), index: values.length, line, text: piece });
      } catch {
        return undefined;
      }
    }
    from = to + 1;
    line++;
  }
  return values;
}
