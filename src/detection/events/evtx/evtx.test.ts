/**
 * The EVTX reader on logs built here byte by byte (the real samples are compared with the
 * reference in test/cli/evtx.test.ts): every value type, templates defined in one record and
 * used by the next, BinXML inside a substitution, and damage of each kind read past with a
 * warning that names the chunk.
 */
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type EvtxRecord, type EvtxWarning, isEvtx, readEvtx } from "./index.js";

/** Writes little-endian values and UTF-16 text at known offsets within a chunk. */
class Writer {
  readonly bytes = new Uint8Array(0x10000);
  readonly view = new DataView(this.bytes.buffer);
  private readonly names = new Map<string, number>();
  constructor(public at: number) {}
  u8(...v: number[]) {
    for (const b of v) this.bytes[this.at++] = b;
  }
  u16(v: number) {
    this.view.setUint16(this.at, v, true);
    this.at += 2;
  }
  u32(v: number) {
    this.view.setUint32(this.at, v, true);
    this.at += 4;
  }
  u64(v: bigint) {
    this.view.setBigUint64(this.at, v, true);
    this.at += 8;
  }
  utf16(s: string) {
    for (let i = 0; i < s.length; i++) this.u16(s.charCodeAt(i));
  }
  /** A name reference; the first use of a name defines it right here. */
  name(s: string) {
    const known = this.names.get(s);
    if (known !== undefined) return this.u32(known);
    this.names.set(s, this.at + 4);
    this.u32(this.at + 4);
    this.u32(0);
    this.u16(0);
    this.u16(s.length);
    this.utf16(s);
    this.u16(0);
  }
}

type Body = (w: Writer) => void;
const text =
  (s: string): Body =>
  (w) => {
    w.u8(0x05, 0x01);
    w.u16(s.length);
    w.utf16(s);
  };
const sub =
  (index: number, type: number, optional = false): Body =>
  (w) => {
    w.u8(optional ? 0x0e : 0x0d);
    w.u16(index);
    w.u8(type);
  };
const attr = (name: string, ...value: Body[]) => ({ name, value });
function el(name: string, attrs: { name: string; value: Body[] }[], ...children: Body[]): Body {
  return (w) => {
    w.u8(attrs.length > 0 ? 0x41 : 0x01);
    w.u16(0xffff);
    w.u32(0);
    w.name(name);
    if (attrs.length > 0) w.u32(0);
    for (const a of attrs) {
      w.u8(0x06);
      w.name(a.name);
      for (const v of a.value) v(w);
    }
    if (children.length === 0) return w.u8(0x03);
    w.u8(0x02);
    for (const c of children) c(w);
    w.u8(0x04);
  };
}
const data = (name: string | null, ...content: Body[]) =>
  el("Data", name === null ? [] : [attr("Name", text(name))], ...content);

/** A substitution value: its bytes, or BinXML written in place (its names are chunk offsets). */
type Sub = { type: number; bytes: number[] } | { type: 0x21; body: Body };
const u16le = (v: number) => [v & 255, v >> 8];
const u32le = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255];
const u64le = (v: bigint) => [...u32le(Number(v & 0xffffffffn)), ...u32le(Number(v >> 32n))];
const str = (s: string) => ({
  type: 0x01,
  bytes: [...s].flatMap((c) => u16le(c.charCodeAt(0))),
});

/** An instance of the template at `definition` (defined here when it is the first use). */
function instance(w: Writer, template: Body, subs: Sub[], definition?: number) {
  w.u8(0x0f, 1, 1, 0, 0x0c, 1);
  w.u32(7);
  if (definition !== undefined) w.u32(definition);
  else {
    const at = w.at + 4;
    w.u32(at);
    w.u32(0);
    w.at += 16;
    const size = w.at;
    w.u32(0);
    const body = w.at;
    w.u8(0x0f, 1, 1, 0);
    template(w);
    w.u8(0x00);
    w.view.setUint32(size, w.at - body, true);
  }
  w.u32(subs.length);
  const descriptors = w.at;
  for (const s of subs) w.u8(0, 0, s.type, 0);
  subs.forEach((s, i) => {
    const start = w.at;
    if ("bytes" in s) w.u8(...s.bytes);
    else {
      w.u8(0x0f, 1, 1, 0);
      s.body(w);
      w.u8(0x00);
    }
    w.view.setUint16(descriptors + 4 * i, w.at - start, true);
  });
}

const SYSTEM = el(
  "System",
  [],
  el("Provider", [attr("Name", sub(0, 0x01))]),
  el("EventID", [attr("Qualifiers", sub(1, 0x06, true))], sub(2, 0x06)),
  el("TimeCreated", [attr("SystemTime", sub(3, 0x11))]),
  el("EventRecordID", [], sub(4, 0x0a)),
  el("Correlation", [attr("ActivityID", sub(5, 0x0f, true))]),
  el("Channel", [], sub(6, 0x01)),
  el("Computer", [], text("WS-01")),
  el("Security", [attr("UserID", sub(7, 0x13, true))]),
);
const TEMPLATE = el(
  "Event",
  [attr("xmlns", text("http://schemas.microsoft.com/win/2004/08/events/event"))],
  SYSTEM,
  el(
    "EventData",
    [],
    data("Hex", sub(8, 0x14)),
    data("Big", sub(9, 0x15)),
    data("Bin", sub(10, 0x0e)),
    data("When", sub(11, 0x12)),
    data("Flag", sub(12, 0x0d)),
    data("List", sub(13, 0x81)),
    data("Ints", sub(14, 0x86)),
    data(
      "Text",
      text("a "),
      (w) => {
        w.u8(0x09);
        w.name("amp");
      },
      (w) => {
        w.u8(0x08);
        w.u16(0xae);
      },
    ),
    data(null, sub(15, 0x01)),
    data(null, sub(16, 0x01)),
  ),
  el("UserData", [], sub(17, 0x21)),
);

const TIME = 132_000_000_000_000_000n; // 2019-04-17T18:40:00Z in 100 ns since 1601
const SID = [1, 2, 0, 0, 0, 0, 0, 5, ...u32le(32), ...u32le(544)]; // S-1-5-32-544
const GUID = [0x78, 0x56, 0x34, 0x12, 0x34, 0x12, 0x78, 0x56, 1, 2, 3, 4, 5, 6, 7, 8];
const SYSTEMTIME = [2024, 2, 5, 29, 23, 59, 58, 7].flatMap(u16le);

function subs(recordId: bigint, userData: Body, withQualifiers: boolean): Sub[] {
  return [
    str("Microsoft-Windows-Security-Auditing"),
    withQualifiers ? { type: 0x06, bytes: u16le(16384) } : { type: 0x00, bytes: [] },
    { type: 0x06, bytes: u16le(4624) },
    { type: 0x11, bytes: u64le(TIME + recordId) },
    { type: 0x0a, bytes: u64le(recordId) },
    { type: 0x0f, bytes: GUID },
    str("Security"),
    { type: 0x13, bytes: SID },
    { type: 0x14, bytes: u32le(0x17) },
    { type: 0x15, bytes: u64le(0x8020000000000000n) },
    { type: 0x0e, bytes: [0xde, 0xad, 0xbe, 0xef] },
    { type: 0x12, bytes: SYSTEMTIME },
    { type: 0x0d, bytes: u32le(1) },
    { type: 0x81, bytes: [...str("one").bytes, 0, 0, ...str("two").bytes, 0, 0] },
    { type: 0x86, bytes: [...u16le(1), ...u16le(2)] },
    str("first"),
    str("second"),
    { type: 0x21, body: userData },
  ];
}

const CLEARED = el("LogFileCleared", [], el("SubjectUserName", [], text("alice")));

/** A log of one chunk with two records: the first defines the template, the second reuses it. */
function buildLog(options: { dirty?: boolean } = {}): Uint8Array {
  let definition: number | undefined;
  return logOf([1n, 2n], options, (chunk, id) => {
    const before = chunk.at;
    instance(chunk, TEMPLATE, subs(id, CLEARED, id === 1n), definition);
    // The template was defined just after the instance's 10 header bytes.
    definition ??= before + 4 + 10;
  });
}

/** A log of one chunk holding a record per id, each written by `record`. */
function logOf(
  ids: bigint[],
  options: { dirty?: boolean },
  record: (w: Writer, id: bigint) => void,
) {
  const chunk = new Writer(512);
  const records: number[] = [];
  for (const id of ids) {
    const start = chunk.at;
    records.push(start);
    chunk.u32(0x2a2a);
    chunk.u32(0);
    chunk.u64(id);
    chunk.u64(TIME + id);
    record(chunk, id);
    const size = chunk.at + 4 - start;
    chunk.u32(size);
    chunk.view.setUint32(start + 4, size, true);
  }
  const c = chunk.bytes;
  const cv = chunk.view;
  c.set(new TextEncoder().encode("ElfChnk\0"), 0);
  cv.setBigUint64(8, 1n, true);
  cv.setBigUint64(16, BigInt(ids.length), true);
  cv.setBigUint64(24, 1n, true);
  cv.setBigUint64(32, BigInt(ids.length), true);
  cv.setUint32(40, 128, true);
  cv.setUint32(44, records.at(-1) as number, true);
  cv.setUint32(48, chunk.at, true);
  cv.setUint32(52, crc32(c.subarray(512, chunk.at)), true);
  cv.setUint32(124, crc32(c.subarray(128, 512), crc32(c.subarray(0, 120))), true);
  const file = new Uint8Array(4096 + 0x10000);
  const fv = new DataView(file.buffer);
  file.set(new TextEncoder().encode("ElfFile\0"), 0);
  fv.setBigUint64(24, BigInt(ids.length + 1), true);
  fv.setUint32(32, 128, true);
  fv.setUint16(36, 1, true);
  fv.setUint16(38, 3, true);
  fv.setUint16(40, 4096, true);
  fv.setUint16(42, 1, true);
  fv.setUint32(120, options.dirty ? 1 : 0, true);
  fv.setUint32(124, crc32(file.subarray(0, 120)), true);
  file.set(c, 4096);
  return file;
}

/**
 * A template whose body is two instances of the next one down, `levels` deep: a few hundred
 * bytes that would render 2^levels elements.
 */
function doubling(levels: number): Body {
  if (levels === 0) return el("Leaf", []);
  const inner = doubling(levels - 1);
  return (w) => {
    const start = w.at;
    instance(w, inner, []);
    // The first instance defined the template 14 bytes in (fragment header, token, id, offset).
    instance(w, inner, [], start + 14);
  };
}

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function read(bytes: Uint8Array, pieceSize = 1 << 16) {
  const warnings: EvtxWarning[] = [];
  const records: EvtxRecord[] = [];
  for await (const r of readEvtx(pieces(bytes, pieceSize), { onWarning: (w) => warnings.push(w) }))
    records.push(r);
  return { records, warnings };
}

const FIRST = {
  Event: {
    "#attributes": { xmlns: "http://schemas.microsoft.com/win/2004/08/events/event" },
    System: {
      Provider: { "#attributes": { Name: "Microsoft-Windows-Security-Auditing" } },
      EventID: { "#attributes": { Qualifiers: 16384 }, "#text": 4624 },
      TimeCreated: { "#attributes": { SystemTime: "2019-04-17T18:40:00.000000Z" } },
      EventRecordID: 1,
      Correlation: { "#attributes": { ActivityID: "{12345678-1234-5678-0102-030405060708}" } },
      Channel: "Security",
      Computer: "WS-01",
      Security: { "#attributes": { UserID: "S-1-5-32-544" } },
    },
    EventData: {
      Hex: "0x17",
      Big: "0x8020000000000000",
      Bin: "DEADBEEF",
      When: "2024-02-29T23:59:58.007Z",
      Flag: true,
      List: ["one", "two"],
      Ints: [1, 2],
      Text: "a &®",
      Data: ["first", "second"],
    },
    UserData: { LogFileCleared: { SubjectUserName: "alice" } },
  },
};

describe("readEvtx", () => {
  it("reads every value type, and a template defined by one record and reused by the next", async () => {
    const log = buildLog();
    expect(isEvtx(log)).toBe(true);
    const { records, warnings } = await read(log);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.recordId)).toEqual([1, 2]);
    expect(records[0]?.event).toEqual(FIRST);
    expect(records[0]?.time).toBe("2019-04-17T18:40:00.000000Z");
    // The second record has no Qualifiers (an optional substitution without a value).
    expect(records[1]?.event.Event.System).toMatchObject({ EventID: 4624, EventRecordID: 2 });
  });

  it("skips a chunk whose shared templates would render without end, at once", async () => {
    const log = logOf([1n, 2n], {}, (w, id) =>
      id === 1n
        ? instance(w, el("Event", [], doubling(40)), [])
        : instance(w, TEMPLATE, subs(id, CLEARED, true)),
    );
    const { records, warnings } = await read(log);
    expect(records).toEqual([]);
    expect(warnings.map((w) => w.message)).toEqual([
      "record 1: its chunk renders more than 100,000 elements: the rest of the chunk is skipped",
    ]);
  });

  it("reads the same from a stream of small pieces", async () => {
    const log = buildLog();
    expect((await read(log, 7)).records).toEqual((await read(log)).records);
  });

  it("warns of a dirty file and of checksums that do not match, and still reads", async () => {
    const log = buildLog({ dirty: true });
    // A byte of a string value: the records still parse, the records checksum fails.
    const at = Buffer.from(log).indexOf(Buffer.from("Security", "utf16le"), 4096 + 512);
    log[at] = "X".charCodeAt(0);
    const { records, warnings } = await read(log);
    expect(records).toHaveLength(2);
    expect(warnings.map((w) => [w.chunk, w.message])).toEqual([
      [-1, "the file was not closed cleanly (dirty): its header may be stale"],
      [0, "event records checksum does not match"],
    ]);
  });

  it("reads a file cut short as far as it goes", async () => {
    const log = buildLog();
    const second = new DataView(log.buffer).getUint32(4096 + 44, true);
    const { records, warnings } = await read(log.subarray(0, 4096 + second + 40));
    expect(records.map((r) => r.recordId)).toEqual([1]);
    expect(warnings.map((w) => w.message)).toEqual([
      `cut short: ${second + 40} of 65536 bytes`,
      expect.stringMatching(/^record of \d+ bytes runs past the chunk$/),
    ]);
  });

  it("skips a chunk that is not one and a record that does not parse, naming them", async () => {
    const log = buildLog();
    const second = new DataView(log.buffer).getUint32(4096 + 44, true);
    // The second record's template offset points past the chunk.
    new DataView(log.buffer).setUint32(4096 + second + 24 + 10, 0xfff0, true);
    const garbage = new Uint8Array(0x10000).fill(0x41);
    const { records, warnings } = await read(Buffer.concat([log, garbage, log.subarray(4096)]));
    expect(records.map((r) => r.recordId)).toEqual([1, 1]);
    expect(warnings).toEqual([
      { chunk: 0, offset: 52, message: "event records checksum does not match" },
      { chunk: 0, offset: second, message: expect.stringMatching(/^record 2: /) },
      { chunk: 1, offset: 0, message: "not a chunk: skipped" },
      { chunk: 2, offset: 52, message: "event records checksum does not match" },
      { chunk: 2, offset: second, message: expect.stringMatching(/^record 2: /) },
    ]);
  });

  it("refuses what is not EVTX", async () => {
    await expect(read(new TextEncoder().encode('{"not": "evtx"}'))).rejects.toThrow(/not an EVTX/);
  });
});
