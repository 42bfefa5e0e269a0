/**
 * A streaming reader for Windows event log files (`.evtx`): the file header, then 64 KiB chunks,
 * each holding its names, templates and event records (BinXML). It holds one chunk in memory at
 * a time. Damage costs only what it touches: a checksum that does not match, a chunk cut short
 * (a partially written file), a record that does not parse are reported as warnings naming the
 * chunk and offset, and reading goes on with what can be read.
 */
import { crc32 } from "node:zlib";
import { ChunkParser } from "./binxml.js";
import { renderBudget, renderRecord } from "./render.js";
import { filetime } from "./values.js";

/** The file signature, "ElfFile\0". */
export const EVTX_MAGIC: Uint8Array = Uint8Array.of(0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0);

/** True when the bytes start with the EVTX file signature. */
export function isEvtx(head: Uint8Array): boolean {
  if (head.length < EVTX_MAGIC.length) return false;
  for (let i = 0; i < EVTX_MAGIC.length; i++) if (head[i] !== EVTX_MAGIC[i]) return false;
  return true;
}

/** Something irregular that was read past. `chunk` is 0-based; -1 is the file header. */
export interface EvtxWarning {
  chunk: number;
  /** Byte offset within the chunk (within the file for the header). */
  offset: number;
  message: string;
}

export interface EvtxRecord {
  recordId: number;
  /** When the event was created (System/TimeCreated), ISO 8601 UTC. */
  time: string;
  /** The record in evtx_dump's JSON shape: `{"Event": {"System": {…}, "EventData": {…}}}`. */
  event: { Event: Record<string, unknown> };
}

export interface ReadEvtxOptions {
  onWarning?: (w: EvtxWarning) => void;
}

const FILE_HEADER = 128;
const CHUNK_SIZE = 0x10000;
const CHUNK_HEADER = 512;
const RECORD_HEADER = 24;
const RECORD_MAGIC = 0x00002a2a;
const FLAG_DIRTY = 1;
const CHUNK_MAGIC = Uint8Array.of(0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0);

/** Reads the records of an EVTX byte stream in file order. Throws when it is not EVTX at all. */
export async function* readEvtx(
  source: AsyncIterable<Uint8Array>,
  options: ReadEvtxOptions = {},
): AsyncGenerator<EvtxRecord> {
  const warn = options.onWarning ?? (() => {});
  const input = new ByteReader(source);
  const chunk = Buffer.alloc(CHUNK_SIZE);
  const view = new DataView(chunk.buffer, chunk.byteOffset, CHUNK_SIZE);
  if ((await input.read(chunk, FILE_HEADER)) < FILE_HEADER || !isEvtx(chunk)) {
    throw new Error("not an EVTX file: the file header is missing or cut short");
  }
  if (crc32(chunk.subarray(0, 120)) !== view.getUint32(124, true)) {
    warn({ chunk: -1, offset: 124, message: "file header checksum does not match" });
  }
  if ((view.getUint32(120, true) & FLAG_DIRTY) !== 0) {
    warn({
      chunk: -1,
      offset: 120,
      message: "the file was not closed cleanly (dirty): its header may be stale",
    });
  }
  const headerBlock = view.getUint16(40, true) || 4096;
  if (headerBlock > FILE_HEADER)
    await input.read(chunk, Math.min(headerBlock, CHUNK_SIZE) - FILE_HEADER);
  const parser = new ChunkParser(chunk);
  try {
    for (let n = 0; ; n++) {
      const size = await input.read(chunk, CHUNK_SIZE);
      if (size === 0 || (size < CHUNK_SIZE && isZero(chunk, 0, size))) return;
      if (size < CHUNK_SIZE) {
        warn({ chunk: n, offset: size, message: `cut short: ${size} of ${CHUNK_SIZE} bytes` });
        chunk.fill(0, size);
      }
      parser.reset();
      yield* chunkRecords(n, chunk, view, size, parser, warn);
    }
  } finally {
    await input.close();
  }
}

function* chunkRecords(
  n: number,
  chunk: Buffer,
  view: DataView,
  size: number,
  parser: ChunkParser,
  warn: (w: EvtxWarning) => void,
): Generator<EvtxRecord> {
  if (!startsWith(chunk, CHUNK_MAGIC)) {
    // Space a log preallocated and never used is zeros; anything else is damage.
    if (!isZero(chunk, 0, size)) warn({ chunk: n, offset: 0, message: "not a chunk: skipped" });
    return;
  }
  const headerSum = crc32(chunk.subarray(128, CHUNK_HEADER), crc32(chunk.subarray(0, 120)));
  const headerOk = headerSum === view.getUint32(124, true);
  if (!headerOk) warn({ chunk: n, offset: 124, message: "chunk header checksum does not match" });
  const free = view.getUint32(48, true);
  // A trustworthy header says where the records end; otherwise read while records look whole.
  const trusted = headerOk && free >= CHUNK_HEADER && free <= size;
  const end = trusted ? free : size;
  if (trusted && crc32(chunk.subarray(CHUNK_HEADER, free)) !== view.getUint32(52, true)) {
    warn({ chunk: n, offset: 52, message: "event records checksum does not match" });
  }
  let pos = CHUNK_HEADER;
  const budget = renderBudget();
  while (pos + RECORD_HEADER <= end) {
    if (view.getUint32(pos, true) !== RECORD_MAGIC) {
      if (trusted) warn({ chunk: n, offset: pos, message: "no record where one was expected" });
      return;
    }
    const length = view.getUint32(pos + 4, true);
    if (length < RECORD_HEADER + 4 || pos + length > end) {
      warn({ chunk: n, offset: pos, message: `record of ${length} bytes runs past the chunk` });
      return;
    }
    const recordId = Number(view.getBigUint64(pos + 8, true));
    if (view.getUint32(pos + length - 4, true) !== length) {
      warn({ chunk: n, offset: pos, message: `record ${recordId}: its two sizes differ` });
    }
    try {
      const event = renderRecord(parser.fragment(pos + RECORD_HEADER, pos + length - 4), budget);
      if (!isEventObject(event.Event)) throw new Error("it holds no Event element");
      yield {
        recordId,
        time: timeCreated(event.Event) ?? written(view, pos),
        event: { Event: event.Event },
      };
    } catch (e) {
      const spent = budget.left < 0;
      const rest = spent ? ": the rest of the chunk is skipped" : "";
      warn({
        chunk: n,
        offset: pos,
        message: `record ${recordId}: ${(e as Error).message}${rest}`,
      });
      if (spent) return;
    }
    pos += length;
  }
}

function isEventObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function timeCreated(event: Record<string, unknown>): string | undefined {
  const system = event.System as { TimeCreated?: { "#attributes"?: { SystemTime?: unknown } } };
  const t = system?.TimeCreated?.["#attributes"]?.SystemTime;
  return typeof t === "string" ? t : undefined;
}

function written(view: DataView, pos: number): string {
  return filetime(view, pos + 16) ?? new Date(0).toISOString();
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function isZero(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** Reads exact byte counts out of a stream of arbitrary pieces, copying into the caller's buffer. */
class ByteReader {
  private readonly it: AsyncIterator<Uint8Array>;
  private piece: Uint8Array = new Uint8Array(0);
  private at = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.it = source[Symbol.asyncIterator]();
  }

  /** Ends the source early (a reader that stopped before the end closes the file). */
  async close(): Promise<void> {
    await this.it.return?.();
  }

  /** Fills `into[0, n)`; returns how many bytes there were (fewer only at the end). */
  async read(into: Uint8Array, n: number): Promise<number> {
    let filled = 0;
    while (filled < n) {
      if (this.at >= this.piece.length) {
        const next = await this.it.next();
        if (next.done) break;
        this.piece = next.value;
        this.at = 0;
        continue;
      }
      const take = Math.min(n - filled, this.piece.length - this.at);
      into.set(this.piece.subarray(this.at, this.at + take), filled);
      this.at += take;
      filled += take;
    }
    return filled;
  }
}
