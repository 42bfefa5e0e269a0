/**
 * Event input from files, folders and stdin, whatever their format: each input is sniffed by its
 * first bytes — gzip (1f 8b) is decompressed and sniffed again, EVTX (`ElfFile\0`) goes to the
 * native EVTX reader, anything else to the JSON reader (array, NDJSON, concatenated objects). A
 * folder reads every regular file under it, in name order (sub-folders at their place in that
 * order). Everything streams: a problem in one input costs only that part of it.
 */
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { EVTX_MAGIC, type EvtxWarning, isEvtx, readEvtx } from "./evtx/index.js";
import { readEvents } from "./json-stream.js";

/** An event read from an input. */
export interface InputEvent {
  /** The event; undefined when it comes as `lines`. */
  event: unknown;
  /**
   * With `lines` reading, NDJSON object lines as their bytes, `count` of them from `line` on
   * (`EventLines`): the caller decodes and parses them (on a worker thread, say), and reads a
   * line that is not one JSON object with `parseEventsText`.
   */
  lines?: { bytes: Uint8Array; count: number };
  /** The file it came from, or "-" for stdin. */
  source: string;
  /** 1-based line where a JSON event (or the first of `lines`) starts. */
  line?: number;
  /** The EventRecordID of an EVTX record. */
  recordId?: number;
}

/** Something that could not be read: a missing file, malformed JSON, a broken EVTX file. */
export interface InputProblem {
  source: string;
  line?: number;
  column?: number;
  reason: string;
}

/** A recoverable irregularity in an EVTX file (the records around it were read). */
export interface InputWarning extends EvtxWarning {
  source: string;
}

export interface ReadInputOptions {
  /** Standard input, read for the path "-". */
  stdin?: AsyncIterable<Uint8Array>;
  onProblem?: (p: InputProblem) => void;
  onWarning?: (w: InputWarning) => void;
  /** NDJSON comes as batches of undecoded lines (`InputEvent.lines`), parsed by their reader. */
  lines?: boolean;
}

const SNIFF_BYTES = EVTX_MAGIC.length;

/** Reads events from every path in turn ("-" is stdin; a folder is every file under it). */
export async function* readEventInputs(
  paths: string[],
  options: ReadInputOptions = {},
): AsyncGenerator<InputEvent> {
  const problem = options.onProblem ?? (() => {});
  for (const path of paths) {
    if (path === "-") {
      if (options.stdin) yield* readStream("-", options.stdin, options);
      else problem({ source: "-", reason: "standard input is not available" });
      continue;
    }
    let files: string[];
    try {
      files = await filesUnder(path);
    } catch (e) {
      problem({ source: path, reason: errorText(e) });
      continue;
    }
    for (const file of files) yield* readStream(file, createReadStream(file), options);
  }
}

/** The regular files of a path: itself, or every file under a folder in name order. */
export async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).sort();
  const out: string[] = [];
  for (const name of names) {
    const child = join(path, name);
    const s = await stat(child);
    if (s.isDirectory()) out.push(...(await filesUnder(child)));
    else if (s.isFile()) out.push(child);
  }
  return out;
}

async function* readStream(
  source: string,
  stream: AsyncIterable<Uint8Array>,
  options: ReadInputOptions,
): AsyncGenerator<InputEvent> {
  const problem = options.onProblem ?? (() => {});
  try {
    const { head, rest } = await peek(stream, SNIFF_BYTES);
    if (head[0] === 0x1f && head[1] === 0x8b) {
      // gzip
      yield* readStream(source, gunzip(rest), options);
    } else if (isEvtx(head)) {
      const onWarning = options.onWarning;
      const warn = onWarning ? (w: EvtxWarning) => onWarning({ source, ...w }) : undefined;
      for await (const r of readEvtx(rest, { onWarning: warn })) {
        yield { event: r.event, source, recordId: r.recordId };
      }
    } else {
      for await (const item of readEvents(rest, { lines: options.lines === true })) {
        if (item.kind === "event") yield { event: item.value, source, line: item.line };
        else if (item.kind === "lines")
          yield {
            event: undefined,
            lines: { bytes: item.bytes, count: item.count },
            source,
            line: item.line,
          };
        else problem({ source, line: item.line, column: item.column, reason: item.message });
      }
    }
  } catch (e) {
    problem({ source, reason: errorText(e) });
  }
}

/** Reads at least `n` bytes (fewer at the end), and a stream that starts again from byte 0. */
async function peek(
  stream: AsyncIterable<Uint8Array>,
  n: number,
): Promise<{ head: Uint8Array; rest: AsyncIterable<Uint8Array> }> {
  const it = stream[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let size = 0;
  while (size < n) {
    const next = await it.next();
    if (next.done) break;
    seen.push(next.value);
    size += next.value.length;
  }
  const head = seen.length === 1 ? (seen[0] as Uint8Array) : Buffer.concat(seen);
  async function* rest(): AsyncGenerator<Uint8Array> {
    try {
      yield* seen;
      for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
    } finally {
      // A reader that stops early closes the file.
      await it.return?.();
    }
  }
  return { head, rest: rest() };
}

function gunzip(stream: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const z = createGunzip();
  const from = Readable.from(stream);
  from.on("error", (e) => z.destroy(e));
  return from.pipe(z);
}

function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === "ENOENT") return "no such file or folder";
  if (err.code === "EACCES") return "permission denied";
  if (err.code === "Z_DATA_ERROR" || err.code === "Z_BUF_ERROR") return `gzip: ${err.message}`;
  return err.message ?? String(e);
}
