import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  type EventStreamItem,
  JsonEventSplitter,
  parseEventsText,
  readEvents,
} from "./json-stream.js";

const values = (items: EventStreamItem[]) =>
  items.flatMap((i) => (i.kind === "event" ? [i.value] : []));
const errors = (items: EventStreamItem[]) => items.filter((i) => i.kind === "error");

/** Feeds the text in chunks of `size` characters. */
function chunked(text: string, size: number): EventStreamItem[] {
  const s = new JsonEventSplitter();
  const out: EventStreamItem[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...s.push(text.slice(i, i + size)));
  return [...out, ...s.end()];
}

const PRETTY = `{
  "Event": {
    "System": {
      "EventID": 1,
      "Channel": "Microsoft-Windows-Sysmon/Operational"
    },
    "EventData": {
      "CommandLine": "cmd /c \\"echo {not a brace}\\" \\\\"
    }
  }
}
{
  "Event": {
    "System": { "EventID": 3 }
  }
}
`;

describe("event input formats", () => {
  it("reads a JSON array", () => {
    const items = parseEventsText('[{"a":1},\n {"a":2} , {"a":[3]}]');
    expect(values(items)).toEqual([{ a: 1 }, { a: 2 }, { a: [3] }]);
    expect(errors(items)).toEqual([]);
  });

  it("reads NDJSON, with blank lines and CRLF", () => {
    const items = parseEventsText('{"a":1}\r\n\r\n{"a":2}\n{"a":"x\\ny"}');
    expect(values(items)).toEqual([{ a: 1 }, { a: 2 }, { a: "x\ny" }]);
    expect(items.map((i) => (i.kind === "event" ? i.line : 0))).toEqual([1, 3, 4]);
  });

  it("reads concatenated pretty-printed objects (evtx_dump)", () => {
    const items = parseEventsText(PRETTY);
    expect(errors(items)).toEqual([]);
    expect(values(items)).toHaveLength(2);
    expect(
      (values(items)[0] as { Event: { EventData: { CommandLine: string } } }).Event.EventData
        .CommandLine,
    ).toBe('cmd /c "echo {not a brace}" \\');
    expect(items.map((i) => (i.kind === "event" ? i.index : -1))).toEqual([0, 1]);
  });

  it("reads objects back to back on one line, and a byte order mark", () => {
    expect(values(parseEventsText('\ufeff{"a":1}{"a":2} {"a":3}'))).toEqual([
      { a: 1 },
      { a: 2 },
      { a: 3 },
    ]);
  });

  it("gives the same result whatever the chunk boundaries", () => {
    const text = `${PRETTY}{"q":"a\\\\\\"b"}\n[1]\n"str"\n42\n`;
    const whole = parseEventsText(text);
    for (const size of [1, 2, 3, 5, 7, 13, 64]) expect(chunked(text, size)).toEqual(whole);
    expect(values(whole).slice(2)).toEqual([{ q: 'a\\"b' }, [1], "str", 42]);
  });

  it("reports malformed parts with their position and keeps the valid events", () => {
    const text = [
      '{"a":1}',
      '{"a": tru}',
      '{"a":"unterminated}',
      '{"a":3}',
      "} stray",
      '{"a":4}',
    ].join("\n");
    const items = parseEventsText(text);
    expect(values(items)).toEqual([{ a: 1 }, { a: 3 }, { a: 4 }]);
    const errs = errors(items).map((e) =>
      e.kind === "error" ? [e.line, e.column, e.message.split(":")[0]] : [],
    );
    expect(errs).toEqual([
      [2, 1, "invalid JSON"],
      [3, 1, "unterminated string"],
      [5, 1, "unexpected '}'"],
      [5, 3, "invalid JSON"],
    ]);
  });

  it("resynchronises at the next object in column 1 when an object is never closed", () => {
    const text = '{\n  "a": {\n    "b": 1\n}\n{\n  "c": 2\n}\n';
    const items = parseEventsText(text);
    expect(values(items)).toEqual([{ c: 2 }]);
    expect(errors(items)).toMatchObject([{ line: 1, column: 1, message: "unterminated value" }]);
  });

  it("reports input that ends inside a value or an array", () => {
    expect(errors(parseEventsText('{"a": 1'))).toMatchObject([
      { message: /end of input inside a value/ },
    ]);
    expect(errors(parseEventsText('[{"a":1}'))).toMatchObject([{ message: /array is not closed/ }]);
  });

  it("streams from a Node Readable of Buffers, split inside multi-byte characters", async () => {
    const text = '{"name":"caf\u00e9 \u2603"}\n{"name":"\ud83d\ude00"}\n';
    const bytes = Buffer.from(text, "utf8");
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    const out: unknown[] = [];
    for await (const it of readEvents(Readable.from(chunks)))
      if (it.kind === "event") out.push(it.value);
    expect(out).toEqual([{ name: "caf\u00e9 \u2603" }, { name: "\ud83d\ude00" }]);
  });

  it("reads strings and Buffers directly", async () => {
    const collect = async (input: string | Buffer) => {
      const out: unknown[] = [];
      for await (const it of readEvents(input)) if (it.kind === "event") out.push(it.value);
      return out;
    };
    expect(await collect('[{"a":1}]')).toEqual([{ a: 1 }]);
    expect(await collect(Buffer.from('{"a":2}'))).toEqual([{ a: 2 }]);
  });

  it("handles a large input without holding it whole", async () => {
    async function* gen() {
      for (let i = 0; i < 20_000; i++) yield `{"i":${i},"pad":"${"x".repeat(50)}"}\n`;
    }
    let n = 0;
    for await (const it of readEvents(gen())) if (it.kind === "event") n++;
    expect(n).toBe(20_000);
  });
});

describe("readEvents with lines", () => {
  /**
   * What a `lines` reader's caller does: each object line parsed, a line that is not JSON read
   * with `parseEventsText` at its place. Offsets and indexes are the splitter's own: left out.
   */
  async function viaLines(text: string, size: number) {
    const bytes = Buffer.from(text);
    const chunks = [];
    for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
    const out: { kind: string; line: number; value?: unknown; column?: number; msg?: string }[] =
      [];
    let batches = 0;
    for await (const item of readEvents(Readable.from(chunks), { lines: true })) {
      if (item.kind !== "lines") {
        out.push(simple(item));
        continue;
      }
      batches++;
      const lines = new TextDecoder().decode(item.bytes).split("\n");
      expect(lines).toHaveLength(item.count);
      lines.forEach((l, at) => {
        try {
          out.push({ kind: "event", line: item.line + at, value: JSON.parse(l) });
        } catch {
          for (const p of parseEventsText(l))
            out.push({ ...simple(p), line: item.line + at + p.line - 1 });
        }
      });
    }
    return { out, batches };
  }
  const simple = (i: EventStreamItem) =>
    i.kind === "event"
      ? { kind: i.kind, line: i.line, value: i.value }
      : { kind: i.kind, line: i.line, column: i.column, msg: i.message };

  it("reads NDJSON with odd lines in it as the scanner reads the whole text", async () => {
    const ndjson = Array.from({ length: 600 }, (_, i) => JSON.stringify({ n: i, s: "é€😀" }));
    ndjson.splice(10, 0, "", "  ", `{"broken": 1 "x": 2}`);
    ndjson.splice(100, 0, PRETTY.trimEnd());
    ndjson.splice(300, 0, '{"a": 1} {"b": 2}', "[1, 2]", "42");
    ndjson.splice(400, 0, '{"crlf": true}\r', "\uFEFF{}", "}", '{"x": "y"}\t ');
    const text = `${ndjson.join("\n")}\n{"last": "no newline"}`;
    const whole = parseEventsText(text).map(simple);
    expect(whole.filter((i) => i.kind === "error").length).toBeGreaterThan(1);
    for (const size of [1, 7, 4096, text.length]) {
      const { out, batches } = await viaLines(text, size);
      expect(out).toEqual(whole);
      // Runs of object lines come as bytes.
      expect(batches).toBeGreaterThan(3);
    }
  });

  it("reports an object line left open at its line, read alone", async () => {
    // The scanner over the whole text would look for the end in the lines after it (and call
    // it "unterminated value" at the next object line); its reader reads the line alone.
    const text = '{"a": 1}\n{"open": {"b": 1}\n{"c": 3}\n';
    expect((await viaLines(text, 5)).out).toEqual([
      { kind: "event", line: 1, value: { a: 1 } },
      { kind: "error", line: 2, column: 1, msg: "unexpected end of input inside a value" },
      { kind: "event", line: 3, value: { c: 3 } },
    ]);
  });

  it("leaves anything whose first line is not an object line to the scanner", async () => {
    for (const text of [`[{"a": 1},\n{"b": 2}]`, PRETTY, ` {"a": 1}\n{"b": 2}\n`, "[1]"]) {
      const { out, batches } = await viaLines(text, 3);
      expect(batches).toBe(0);
      expect(out).toEqual(parseEventsText(text).map(simple));
    }
  });
});
