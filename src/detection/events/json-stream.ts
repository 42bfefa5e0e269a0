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
 * Lines of NDJSON as they were read (`readEvents` with `{ lines: true }`): `count` lines, from
 * line `line` on, each starting with `{` and ending with `}` (before trailing blanks), joined by
 * "\n", not decoded. Whoever takes them decodes, splits and parses them (on another thread, say),
 * and reads a line that is not one JSON object again with `parseEventsText`, which says where it
 * is broken or finds the values it holds, as the scanner would have.
 */
export interface EventLines {
  kind: "lines";
  bytes: Uint8Array;
  count: number;
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
export type EventStreamItem = ParsedEvent | ParseProblem;

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

  /** True between values: the next character starts a new one (or is blank). */
  get idle(): boolean {
    return !this.inValue;
  }

  /**
   * Goes on at the start of line `line`, between values, after lines read without the splitter
   * (`readEvents` with `lines`); `offset` then counts only the characters given to it, unless
   * given: the offset of that line's start.
   */
  resumeAt(line: number, offset = this.offset): void {
    if (this.inValue) throw new Error("the splitter is inside a value");
    this.started = true;
    this.line = line;
    this.col = 1;
    this.offset = offset;
  }

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

/**
 * Reads events from a string, a Buffer, or a stream (a Node Readable is an AsyncIterable). With
 * `lines`, a stream whose first line is an object alone on its line is read as NDJSON: such lines
 * come as their bytes, in batches (`EventLines`), and only other lines go through the scanner.
 */
export function readEvents(input: EventSource): AsyncGenerator<EventStreamItem>;
export function readEvents(
  input: EventSource,
  options: { lines?: boolean },
): AsyncGenerator<EventStreamItem | EventLines>;
export async function* readEvents(
  input: EventSource,
  options: { lines?: boolean } = {},
): AsyncGenerator<EventStreamItem | EventLines> {
  const splitter = new JsonEventSplitter();
  if (typeof input === "string" || input instanceof Uint8Array) {
    const text = typeof input === "string" ? input : Buffer.from(input).toString("utf8");
    yield* [...splitter.push(text), ...splitter.end()];
    return;
  }
  if (options.lines) {
    yield* readLines(input, splitter);
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

/**
 * NDJSON lines per `EventLines` batch: the detection pool's batch size (src/detection/pool).
 * bench/detect, 100,000 events on 2 cores, 2 threads / 1: 1.68–1.72× with 256 lines, 1.70–1.75×
 * with 1,024 (fewer messages, promises and result decodings per event).
 */
const LINES_PER_BATCH = 1024;

/**
 * Whether bytes [from, to) are an object alone on its line as the splitter's NDJSON fast path
 * sees it: `{` in column 1 and `}` last but for blanks. A line this misses (a trailing BOM, say)
 * goes to the splitter, which reads it the same way.
 */
function objectLine(buf: Uint8Array, from: number, to: number): boolean {
  if (buf[from] !== LBRACE) return false;
  let j = to - 1;
  while (j > from && (buf[j] === 32 || buf[j] === 13 || buf[j] === 9)) j--;
  return buf[j] === RBRACE;
}

/** A batch of object lines, copied: its bytes own their buffer, so a thread can take it. */
function lines(buf: Buffer, from: number, to: number, count: number, line: number): EventLines {
  return { kind: "lines", bytes: new Uint8Array(buf.subarray(from, to)), count, line };
}

/**
 * `readEvents` with `lines`: finds line ends in the bytes (memchr), hands runs of object lines on
 * as copies of their bytes (no string made here), and decodes only the other lines for the
 * splitter, which reads them as it would in a whole text: a pretty-printed value over several
 * lines, a line with two values, a broken one. A stream whose first line is not an object line
 * (a JSON array, pretty-printed JSON, a BOM) is not NDJSON: all of it goes to the splitter.
 */
async function* readLines(
  input: AsyncIterable<string | Buffer | Uint8Array>,
  splitter: JsonEventSplitter,
): AsyncGenerator<EventStreamItem | EventLines> {
  const decoder = new StringDecoder("utf8");
  let ndjson: boolean | undefined;
  let line = 1;
  let held: Buffer[] = [];
  /** The splitter reads the line(s) [from, to) starting at line `at`. */
  function* scan(buf: Buffer, from: number, to: number, at: number) {
    // After lines handed on as bytes, the splitter picks up where they end.
    if (ndjson && splitter.idle) splitter.resumeAt(at);
    const text = decoder.write(buf.subarray(from, to));
    if (text) yield* splitter.push(text);
  }
  for await (const chunk of input) {
    const piece =
      typeof chunk === "string"
        ? Buffer.from(chunk)
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (ndjson === false) {
      const text = decoder.write(piece);
      if (text) yield* splitter.push(text);
      continue;
    }
    if (piece.indexOf(10) < 0) {
      held.push(piece);
      continue;
    }
    const buf = held.length > 0 ? Buffer.concat([...held, piece]) : piece;
    held = [];
    let pos = 0;
    let first = -1;
    let count = 0;
    let firstLine = 0;
    for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10, pos)) {
      ndjson ??= objectLine(buf, pos, nl);
      if (!ndjson) break;
      if (splitter.idle && objectLine(buf, pos, nl)) {
        if (count === 0) {
          first = pos;
          firstLine = line;
        }
        if (++count === LINES_PER_BATCH) {
          yield lines(buf, first, nl, count, firstLine);
          count = 0;
        }
      } else {
        if (count > 0) {
          yield lines(buf, first, pos - 1, count, firstLine);
          count = 0;
        }
        yield* scan(buf, pos, nl + 1, line);
      }
      line++;
      pos = nl + 1;
    }
    if (count > 0) yield lines(buf, first, pos - 1, count, firstLine);
    if (ndjson === false) {
      const text = decoder.write(buf.subarray(pos));
      if (text) yield* splitter.push(text);
    } else if (pos < buf.length) held.push(buf.subarray(pos));
  }
  // The last line, without a newline.
  const last = Buffer.concat(held);
  if (last.length > 0 && ndjson !== false && splitter.idle && objectLine(last, 0, last.length))
    yield lines(last, 0, last.length, 1, line);
  else if (last.length > 0) yield* scan(last, 0, last.length, line);
  const rest = decoder.end();
  if (rest) yield* splitter.push(rest);
  yield* splitter.end();
}

/** Parses a whole text at once (same formats and error handling as `readEvents`). */
export function parseEventsText(text: string): (ParsedEvent | ParseProblem)[] {
  const splitter = new JsonEventSplitter();
  return [...splitter.push(text), ...splitter.end()];
}
