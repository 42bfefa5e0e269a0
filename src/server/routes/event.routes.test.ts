import { gzipSync } from "node:zlib";
import { it as base, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import {
  benign,
  encodedPowershell,
  processEvent,
  servedDetection,
} from "../../../test/support/detection.js";
import { deepJson } from "../../../test/support/hostile-input.js";
import type { Runtime } from "../../runtime.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

/** How many events the database holds. */
async function eventCount(rt: Runtime): Promise<number> {
  const row = await rt.db.kysely
    .selectFrom("events")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("POST /api/v1/events", () => {
  const served = servedDetection(sqlite);

  const send = (payload: string | Buffer, headers: Record<string, string> = {}) =>
    served.app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: { "content-type": "application/x-ndjson", ...headers },
      payload,
    });
  const ndjson = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join("\n");
  const countEvents = () => eventCount(served.rt);

  it("stores a JSON array, NDJSON and concatenated objects alike", async () => {
    const before = await countEvents();
    const events = [benign("WS-1", 1), benign("WS-1", 2)];
    const asArray = await send(JSON.stringify(events), { "content-type": "application/json" });
    expect(asArray.statusCode).toBe(202);
    expect(asArray.json()).toMatchObject({
      accepted: 2,
      rejected: [],
      rejected_count: 0,
      alerts: 0,
    });
    expect((await send(ndjson(events))).json().accepted).toBe(2);
    const pretty = events.map((e) => JSON.stringify(e, null, 2)).join("\n");
    const concatenated = await send(pretty, { "content-type": "text/plain" });
    expect(concatenated.json().accepted).toBe(2);
    expect((await send(ndjson(events), { "content-type": "application/jsonl" })).statusCode).toBe(
      202,
    );
    expect(await countEvents()).toBe(before + 8);
  });

  it("keeps the valid events around bad JSON in the middle of NDJSON and lists the bad lines", async () => {
    const before = await countEvents();
    const lines = [
      JSON.stringify(benign("WS-2", 1)),
      '{"Event": {"System": {"EventID": 1}, broken',
      JSON.stringify(benign("WS-2", 2)),
      "42",
      JSON.stringify(benign("WS-2", 3)),
    ];
    const res = await send(lines.join("\n"));
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(body).toMatchObject({ accepted: 3, rejected_count: 2 });
    expect(body.rejected).toEqual([
      expect.objectContaining({ line: 2, offset: lines[0]?.length ? lines[0].length + 1 : 0 }),
      expect.objectContaining({ index: 2, line: 4, reason: "an event must be a JSON object" }),
    ]);
    expect(await countEvents()).toBe(before + 3);
  });

  it("answers 400 when nothing in the body is an event, storing nothing", async () => {
    const before = await countEvents();
    const res = await send("not json at all\n{also not");
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(/problem\+json/);
    expect(res.json().errors.length).toBeGreaterThan(0);
    expect((await send("")).statusCode).toBe(400);
    expect(await countEvents()).toBe(before);
  });

  it("takes gzip bodies", async () => {
    const res = await send(gzipSync(ndjson([benign("WS-3", 1), benign("WS-3", 2)])), {
      "content-encoding": "gzip",
    });
    expect(res.statusCode).toBe(202);
    expect(res.json().accepted).toBe(2);
    const notGzip = await send("plain", { "content-encoding": "gzip" });
    expect(notGzip.statusCode).toBe(400);
    expect((await send("{}", { "content-encoding": "br" })).statusCode).toBe(415);
  });

  it("refuses a 50 MB body with 413 and a gzip bomb likewise", async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    const res = await send(big);
    expect(res.statusCode).toBe(413);
    expect(res.headers["content-type"]).toMatch(/problem\+json/);
    expect(res.json()).toMatchObject({ type: "/problems/payload_too_large" });
    expect(res.json().detail).toMatch(/FIREBREAK_MAX_EVENT_BYTES/);
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect((await send(bomb, { "content-encoding": "gzip" })).statusCode).toBe(413);
  });

  it("refuses a wrong content type with 415", async () => {
    const res = await send("<xml/>", { "content-type": "application/xml" });
    expect(res.statusCode).toBe(415);
    expect(res.headers["content-type"]).toMatch(/problem\+json/);
    expect(res.json().detail).toMatch(/application\/x-ndjson/);
  });

  it("runs the rules: matches become deduplicated alerts with the contract's fields", async () => {
    const res = await send(ndjson([encodedPowershell("LAPTOP-9"), encodedPowershell("LAPTOP-9")]));
    expect(res.json()).toMatchObject({ accepted: 2, alerts: 1 });
    await send(ndjson([encodedPowershell("LAPTOP-9")]));
    const page = (await served.app.inject("/api/v1/alerts?q=laptop-9")).json();
    expect(page.items).toHaveLength(1);
    const alert = page.items[0];
    expect(alert).toMatchObject({
      rule_id: "ec15bf46-da1e-46c8-8d61-67136de93bfe",
      dedup_key: "ec15bf46-da1e-46c8-8d61-67136de93bfe:host=laptop-9",
      count: 3,
      status: "open",
      severity: "emergency",
      level: "high",
      source: "rule",
      entities: { host: "LAPTOP-9", user: "CORP\\user-laptop-9" },
    });
    for (const f of ["id", "first_seen", "last_seen"]) expect(alert[f]).toEqual(expect.any(String));
    const detail = (await served.app.inject(`/api/v1/alerts/${alert.id}`)).json();
    expect(detail.events_total).toBe(3);
    expect(detail.events[0].raw.Event.System.Computer).toBe("LAPTOP-9");
    expect(detail.payload.rule.tags).toContain("attack.t1059.001");
  });

  it("uses the event's own time for first and last seen", async () => {
    const t1 = "2026-01-05T10:00:00.000Z";
    const t2 = "2026-01-05T10:05:00.000Z";
    const late = processEvent("OLD-1", "powershell -enc AAAA", "C:\\x\\powershell.exe", t2);
    const early = processEvent("OLD-1", "powershell -enc BBBB", "C:\\x\\powershell.exe", t1);
    await send(ndjson([late, early]));
    const [alert] = (await served.app.inject("/api/v1/alerts?q=old-1")).json().items;
    expect(alert).toMatchObject({ first_seen: t1, last_seen: t2, count: 2 });
  });
});

describe.each(TEST_DIALECTS)("one bad event costs only itself, on $name", (dialect) => {
  // The PostgreSQL run needs FIREBREAK_TEST_PG; without it the suite says so and skips.
  const it = base.skipIf(dialect.skip !== undefined);
  const served = servedDetection(dialect);
  const stored = () => eventCount(served.rt);

  it("stores 999 valid events and names the 5,000-level-deep one, in every body shape", async () => {
    const good = Array.from({ length: 999 }, (_, i) => JSON.stringify(benign(`DEEP-${i % 7}`, i)));
    const bodies: [string, string][] = [
      [
        "application/x-ndjson",
        [...good.slice(0, 500), deepJson(5000), ...good.slice(500)].join("\n"),
      ],
      [
        "application/json",
        `[${[...good.slice(0, 500), deepJson(5000), ...good.slice(500)].join(",")}]`,
      ],
    ];
    for (const [type, payload] of bodies) {
      const before = await stored();
      const res = await served.app.inject({
        method: "POST",
        url: "/api/v1/events",
        headers: { "content-type": type },
        payload,
      });
      expect(res.statusCode, res.body).toBe(202);
      const body = res.json();
      expect(body).toMatchObject({ accepted: 999, rejected_count: 1 });
      expect(body.rejected).toEqual([
        expect.objectContaining({
          index: 500,
          reason: expect.stringMatching(/nested deeper than 64 levels/),
        }),
      ]);
      expect(await stored()).toBe(before + 999);
    }
  });

  it("rejects a too-deep event alone in a gzip body and answers 400 when it is the only one", async () => {
    const gz = gzipSync(`${JSON.stringify(benign("GZ-1"))}\n${deepJson(100)}\n`);
    const res = await served.app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: { "content-type": "application/x-ndjson", "content-encoding": "gzip" },
      payload: gz,
    });
    expect(res.json()).toMatchObject({ accepted: 1, rejected: [{ index: 1, line: 2 }] });
    const before = await stored();
    const alone = await served.app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: { "content-type": "application/json" },
      payload: deepJson(5000),
    });
    expect(alone.statusCode).toBe(400);
    expect(alone.headers["content-type"]).toMatch(/problem\+json/);
    expect(alone.json().errors[0]).toMatchObject({ path: "[0]" });
    expect(await stored()).toBe(before);
  });

  it("keeps an event nested exactly 64 levels deep", async () => {
    const res = await served.app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: { "content-type": "application/json" },
      payload: deepJson(64),
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 1, rejected_count: 0 });
  });
});
