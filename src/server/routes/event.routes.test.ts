import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import {
  benign,
  detectionApp,
  encodedPowershell,
  processEvent,
} from "../../../test/support/detection.js";
import { testRuntime } from "../../../test/support/runtime.js";
import type { Runtime } from "../../runtime.js";
import type { App } from "../app.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

describe("POST /api/v1/events", () => {
  let rt: Runtime;
  let app: App;
  beforeAll(async () => {
    rt = await testRuntime(sqlite);
    app = await detectionApp(rt);
  });
  afterAll(async () => {
    await app.close();
    await rt.close();
  });

  const send = (payload: string | Buffer, headers: Record<string, string> = {}) =>
    app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: { "content-type": "application/x-ndjson", ...headers },
      payload,
    });
  const ndjson = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join("\n");
  const countEvents = async () =>
    Number(
      (
        await rt.db.kysely
          .selectFrom("events")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("stores a JSON array, NDJSON and concatenated objects alike", async () => {
    const before = await countEvents();
    const events = [benign("WS-1", 1), benign("WS-1", 2)];
    const asArray = await send(JSON.stringify(events), { "content-type": "application/json" });
    expect(asArray.statusCode).toBe(202);
    expect(asArray.json()).toMatchObject({ accepted: 2, rejected: 0, errors: [], alerts: 0 });
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
    expect(body).toMatchObject({ accepted: 3, rejected: 2 });
    expect(body.errors).toEqual([
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
    const page = (await app.inject("/api/v1/alerts?q=laptop-9")).json();
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
    const detail = (await app.inject(`/api/v1/alerts/${alert.id}`)).json();
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
    const [alert] = (await app.inject("/api/v1/alerts?q=old-1")).json().items;
    expect(alert).toMatchObject({ first_seen: t1, last_seen: t2, count: 2 });
  });
});
