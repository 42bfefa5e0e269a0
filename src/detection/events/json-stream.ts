/**
 * Streaming event input: a JSON array of events, NDJSON, or concatenated JSON values (possibly
 * pretty-printed over many lines, as evtx_dump writes them), read chunk by chunk so that huge
 * inputs never need to fit in memory. A scanner finds where each top-level value ends (tracking
 * strings and nesting) and hands that slice to JSON.parse. A malformed part is reported with its
 * line, column and offset, and reading resumes with the next value: at the next line for a string
 * broken by a raw newline, or at the next `{` in column 1 for an unbalanced object.
 */
import { StringDecoder } from "node:string_decoder";

/** An event read from the input. */
export interface ParsedEvent {
  kind: "event";
  /** 0-based position among the events read (malformed parts do not count). */
  index: number;
  value: unknown;
  /** 1-based line where the event starts. */
  line: number;
}

/**
 * An object alone on its line, not parsed yet (a splitter made with `{ unparsed: true }`): whoever
 * takes it parses `text` — for example on another thread — and reads it again with
 * `parseEventsText` if that fails, to get the problem (or the values) the scanner would have.
 */
export interface UnparsedEvent {
  kind: "unparsed";
  index: number;
  text: string;
  line: number;
}

/** A malformed part of the input. */
export interface ParseProblem {
  kind: "error";
  line: number;
  column: number;
  /** Character offset from the start of the input. */
  offset: number;
  message: string;
}

/** An item of the event stream. */
export type EventStreamItem = ParsedEvent | UnparsedEvent | ParseProblem;

const QUOTE = 34;
const BACKSLASH = 92;
const NL = 10;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const COMMA = 44;

function isSpace(c: number): boolean {
  return c === 32 || c === NL || c === 13 || c === 9 || c === 0xfeff;
}

/** Incremental splitter: push text chunks, collect events and problems. */
export class JsonEventSplitter {
  private started = false;
  private inArray = false;
  private inValue = false;
  private scalar = false;
  private depth = 0;
  private inString = false;
  private pieces: string[] = [];
  private line = 1;
  private col = 1;
  private offset = 0;
  private start = { line: 1, column: 1, offset: 0 };
  private index = 0;
  /** Backslashes at the end of the previous chunk, inside a string. */
  private carryBs = 0;

  /** `unparsed`: NDJSON lines come as their text, for a caller that parses them elsewhere. */
  constructor(private readonly options: { unparsed?: boolean } = {}) {}

  /** Feeds a chunk of text; returns the items completed by it. */
  push(s: string): EventStreamItem[] {
    const out: EventStreamItem[] = [];
    const n = s.length;
    let from = this.inValue ? 0 : -1;
    let i = 0;
    let nl = -1;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (this.inString) {
        const q = s.indexOf('"', i);
        if (nl < i) {
          nl = s.indexOf("\n", i);
          if (nl < 0) nl = n;
        }
        if (nl < n && (q < 0 || nl < q)) {
          // A raw newline cannot be inside a JSON string: the value is broken.
          this.col += nl - i;
          this.offset += nl - i;
          i = nl;
          this.fail(out, "unterminated string");
          from = -1;
          continue;
        }
        const end = q < 0 ? n : q;
        let k = end - 1;
        while (k >= i && s.charCodeAt(k) === BACKSLASH) k--;
        let bs = end - 1 - k;
        if (k < i && i === 0) bs += this.carryBs;
        if (q < 0) {
          this.carryBs = bs;
          this.col += n - i;
          this.offset += n - i;
          i = n;
          break;
        }
        this.carryBs = 0;
        this.col += q + 1 - i;
        this.offset += q + 1 - i;
        i = q + 1;
        if (bs % 2 === 0) {
          this.inString = false;
          if (this.scalar && this.depth === 0) {
            this.complete(out, s, from, i);
            from = -1;
          }
        }
        continue;
      }
      if (!this.inValue) {
        if (isSpace(c) || (this.inArray && c === COMMA)) {
          this.advance(c);
          i++;
          continue;
        }
        if (!this.started && c === LBRACKET) {
          this.started = true;
          this.inArray = true;
          this.advance(c);
          i++;
          continue;
        }
        this.started = true;
        if (c === LBRACE && this.col === 1) {
          const end = this.wholeLine(out, s, i);
          if (end >= 0) {
            this.col += end - i;
            this.offset += end - i;
            i = end;
            continue;
          }
        }
        if (this.inArray && c === RBRACKET) {
          this.inArray = false;
          this.advance(c);
          i++;
          continue;
        }
        if (c === RBRACE || c === RBRACKET || c === COMMA) {
          this.start = { line: this.line, column: this.col, offset: this.offset };
          out.push(this.problem(`unexpected '${String.fromCharCode(c)}'`));
          this.advance(c);
          i++;
          continue;
        }
        this.inValue = true;
        this.scalar = c !== LBRACE && c !== LBRACKET;
        this.depth = 0;
        this.start = { line: this.line, column: this.col, offset: this.offset };
        from = i;
      }
      // Inside a value.
      if (c === QUOTE) {
        this.inString = true;
      } else if (c === LBRACE || c === LBRACKET) {
        if (c === LBRACE && this.col === 1 && this.depth > 0 && this.start.column === 1) {
          // A new object at the start of a line while the previous one is still open.
          this.fail(out, "unterminated value");
          from = -1;
          continue;
        }
        if (!this.scalar) this.depth++;
      } else if (c === RBRACE || c === RBRACKET) {
        if (this.scalar) {
          this.complete(out, s, from, i);
          from = -1;
          continue;
        }
        this.depth--;
        if (this.depth === 0) {
          this.advance(c);
          i++;
          this.complete(out, s, from, i);
          from = -1;
          continue;
        }
      } else if (this.scalar && (isSpace(c) || c === COMMA)) {
        this.complete(out, s, from, i);
        from = -1;
        continue;
      }
      this.advance(c);
      i++;
    }
    if (this.inValue && from >= 0) this.pieces.push(s.slice(from));
    return out;
  }

  /** Ends the input; reports a value left open. */
  end(): EventStreamItem[] {
    const out: EventStreamItem[] = [];
    if (this.inValue) {
      if (this.scalar && !this.inString) this.complete(out, "", 0, 0);
      else this.fail(out, "unexpected end of input inside a value");
    } else if (this.inArray) {
      this.start = { line: this.line, column: this.col, offset: this.offset };
      out.push(this.problem("unexpected end of input: the JSON array is not closed"));
    }
    return out;
  }

  private advance(c: number): void {
    this.offset++;
    if (c === NL) {
      this.line++;
      this.col = 1;
    } else this.col++;
  }

  private problem(message: string): ParseProblem {
    return { kind: "error", ...this.start, message };
  }

  private fail(out: EventStreamItem[], message: string): void {
    out.push(this.problem(message));
    this.pieces = [];
    this.inValue = false;
    this.inString = false;
    this.depth = 0;
  }

  /**
   * NDJSON fast path: a line that starts with `{` and ends with `}` (or `},` inside an array) is
   * tried with JSON.parse directly, skipping the character scan. Returns the index of the line's
   * end, or -1 to let the scanner handle the text (pretty-printed objects, errors, a line that
   * continues in the next chunk).
   */
  private wholeLine(out: EventStreamItem[], s: string, i: number): number {
    const nl = s.indexOf("\n", i);
    if (nl < 0) return -1;
    let j = nl;
    while (j > i && isSpace(s.charCodeAt(j - 1))) j--;
    if (this.inArray && s.charCodeAt(j - 1) === COMMA) j--;
    if (s.charCodeAt(j - 1) !== RBRACE) return -1;
    if (this.options.unparsed) {
      out.push({ kind: "unparsed", index: this.index++, text: s.slice(i, j), line: this.line });
      return nl;
    }
    let value: unknown;
    try {
      value = JSON.parse(s.slice(i, j));
    } catch {
      return -1;
    }
    out.push({ kind: "event", index: this.index++, value, line: this.line });
    return nl;
  }

  private complete(out: EventStreamItem[], s: string, from: number, to: number): void {
    this.pieces.push(s.slice(from, to));
    const text = this.pieces.length === 1 ? (this.pieces[0] as string) : this.pieces.join("");
    this.pieces = [];
    this.inValue = false;
    this.scalar = false;
    try {
      out.push({
        kind: "event",
        index: this.index,
        value: JSON.parse(text),
        line: this.start.line,
      });
      this.index++;
    } catch (e) {
      out.push(this.problem(`invalid JSON: ${(e as Error).message}`));
    }
  }
}

/** Inputs the event reader accepts. */
export type EventSource =
  | string
  | Buffer
  | Uint8Array
  | AsyncIterable<string | Buffer | Uint8Array>;

/** Reads events from a string, a Buffer, or a stream (a Node Readable is an AsyncIterable). */
export async function* readEvents(
  input: EventSource,
  options: { unparsed?: boolean } = {},
): AsyncGenerator<EventStreamItem> {
  const splitter = new JsonEventSplitter(options);
  if (typeof input === "string" || input instanceof Uint8Array) {
    const text = typeof input === "string" ? input : Buffer.from(input).toString("utf8");
    yield* [...splitter.push(text), ...splitter.end()];
    return;
  }
  const decoder = new StringDecoder("utf8");
  for await (const chunk of input) {
    const text = typeof chunk === "string" ? chunk : decoder.write(Buffer.from(chunk));
    if (text) yield* splitter.push(text);
  }
  const rest = decoder.end();
  if (rest) yield* splitter.push(rest);
  yield* splitter.end();
}

/** Parses a whole text at once (same formats and error handling as `readEvents`). */
export function parseEventsText(text: string): (ParsedEvent | ParseProblem)[] {
  const splitter = new JsonEventSplitter();
  // A splitter made without `unparsed` parses every value it yields.
  return [...splitter.push(text), ...splitter.end()] as (ParsedEvent | ParseProblem)[];
}
