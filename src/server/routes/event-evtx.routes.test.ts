import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { servedDetection } from "../../../test/support/detection.js";
import { readEvtx } from "../../detection/events/evtx/index.js";

const sample = resolve(
  import.meta.dirname,
  "../../../../shared/corpus/evtx/samples/Credential Access/sysmon_10_11_lsass_memdump.evtx",
);
const present = existsSync(sample);
if (!present) console.warn(`skipping the EVTX sample tests: ${sample} is absent`);

async function records(bytes: Uint8Array): Promise<number> {
  let n = 0;
  for await (const _ of readEvtx(
    (async function* () {
      yield bytes;
    })(),
  ))
    n++;
  return n;
}

describe.each(TEST_DIALECTS)("POST /api/v1/events with an EVTX file, on $name", (dialect) => {
  const served = servedDetection(dialect);
  const send = (payload: Buffer, headers: Record<string, string> = {}) =>
    served.app.inject({
      method: "POST",
      url: "/api/v1/events?source=evtx-test",
      headers: { "content-type": "application/octet-stream", ...headers },
      payload,
    });
  const stored = async () =>
    Number(
      (
        await served.rt.db.kysely
          .selectFrom("events")
          .where("source", "=", "evtx-test")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it.skipIf(!present)(
    "stores every record of a real sample, plain or gzip, at its own time",
    async (ctx) => {
      if (dialect.skip) ctx.skip(dialect.skip);
      const bytes = readFileSync(sample);
      const expected = await records(bytes);
      expect(expected).toBeGreaterThan(0);
      const res = await send(bytes);
      expect(res.statusCode).toBe(202);
      expect(res.json()).toMatchObject({ accepted: expected, rejected: [], rejected_count: 0 });
      expect(res.json().warnings).toBeUndefined();
      expect((await send(gzipSync(bytes))).json().accepted).toBe(expected);
      const zipped = await send(gzipSync(bytes), { "content-encoding": "gzip" });
      expect(zipped.json().accepted).toBe(expected);
      expect(await stored()).toBe(3 * expected);
      const times = await served.rt.db.kysely
        .selectFrom("events")
        .where("source", "=", "evtx-test")
        .select(["time", "time_source"])
        .execute();
      expect(times.every((t) => t.time_source === "event" && t.time?.startsWith("20"))).toBe(true);
    },
  );

  it.skipIf(!present)(
    "stores what a damaged file holds and reports what it read past",
    async (ctx) => {
      if (dialect.skip) ctx.skip(dialect.skip);
      const bytes = readFileSync(sample);
      // Cut short inside its last record: the records of the first chunk (at 4096 + 512) are
      // walked by their magic (2a 2a 00 00) and size.
      const starts: number[] = [];
      for (let at = 4608; bytes.readUInt32LE(at) === 0x2a2a; at += bytes.readUInt32LE(at + 4))
        starts.push(at);
      expect(starts.length).toBeGreaterThan(1);
      const cut = bytes.subarray(0, (starts.at(-1) as number) + 30);
      const res = await send(Buffer.from(cut));
      expect(res.statusCode).toBe(202);
      const body = res.json();
      expect(body.accepted).toBeLessThan(await records(bytes));
      expect(body.warnings?.length).toBeGreaterThan(0);
      expect(body.warnings.join("\n")).toMatch(/chunk 0|reading stopped/);
    },
  );

  it("refuses an octet-stream body that is not EVTX with 415 problem+json, storing nothing", async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    const before = await stored();
    for (const body of [
      Buffer.from('{"EventID": 4625}'),
      Buffer.from([0x4d, 0x5a, 0x90, 0]),
      gzipSync("not evtx"),
    ]) {
      const res = await send(body);
      expect(res.statusCode).toBe(415);
      expect(res.headers["content-type"]).toMatch(/problem\+json/);
      expect(res.json().detail).toMatch(/EVTX/);
    }
    const header = Buffer.alloc(4096);
    header.write("ElfFile\0", "latin1");
    expect((await send(header.subarray(0, 60))).statusCode).toBe(400);
    expect(await stored()).toBe(before);
  });

  it.skipIf(!present)(
    "never answers 5xx to a damaged EVTX file (fixed-seed mutations)",
    async (ctx) => {
      if (dialect.skip) ctx.skip(dialect.skip);
      const bytes = readFileSync(sample);
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), {
            minLength: 1,
            maxLength: 40,
          }),
          fc.nat(bytes.length),
          async (flips, end) => {
            const damaged = Buffer.from(bytes.subarray(0, Math.max(end, 8)));
            for (const [at, value] of flips)
              if (at >= 8 && at < damaged.length) damaged[at] = value;
            const res = await send(damaged);
            expect([202, 400], res.body).toContain(res.statusCode);
            if (res.statusCode === 400)
              expect(res.headers["content-type"]).toMatch(/problem\+json/);
          },
        ),
        { seed: 17, numRuns: dialect.name === "sqlite" ? 150 : 30 },
      );
    },
    120_000,
  );

  it("stores an event without a recognisable time at its arrival, flagged", async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    const res = await served.app.inject({
      method: "POST",
      url: "/api/v1/events?source=arrival-test",
      headers: { "content-type": "application/x-ndjson" },
      payload: [
        JSON.stringify({ EventID: 4625, time: "a while ago" }),
        JSON.stringify({ EventID: 4625, time: "2026-01-05T10:00:00Z" }),
      ].join("\n"),
    });
    expect(res.json().accepted).toBe(2);
    const rows = await served.rt.db.kysely
      .selectFrom("events")
      .where("source", "=", "arrival-test")
      .select(["time", "time_source", "received_at"])
      .orderBy("time_source")
      .execute();
    expect(rows).toEqual([
      { time: rows[0]?.received_at, time_source: "arrival", received_at: expect.any(String) },
      { time: "2026-01-05T10:00:00.000Z", time_source: "event", received_at: expect.any(String) },
    ]);
  });
});
