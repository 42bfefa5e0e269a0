import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { userWithToken } from "../../test/support/identity.js";
import { testRuntime } from "../../test/support/runtime.js";
import { waitFor } from "../../test/support/wait.js";
import { createIntegration } from "../detection/integration.service.js";
import { systemActor } from "../domain/actor.js";
import { fixedClock } from "../domain/clock.js";
import type { Runtime } from "../runtime.js";
import type { Db } from "../store/connect.js";
import { type App, buildApp } from "./app.js";
import { memoryRateLimitStore, RATE_LIMIT_WINDOW_MS } from "./rate-limit-store.js";
import { postgresRateLimitStore } from "./rate-limit-store.pg.js";

const [sqlite, postgres] = TEST_DIALECTS as [(typeof TEST_DIALECTS)[0], (typeof TEST_DIALECTS)[0]];

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * POSTs one event over loopback. With `withholdBody`, the request announces a body
 * (Content-Length) and never sends it: only an answer given before the body is read comes back.
 */
function postEvent(port: number, authorization: string, withholdBody = false): Promise<Answer> {
  const body = JSON.stringify([{ message: "one event" }]);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/v1/events",
        headers: {
          authorization,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
        timeout: 10_000,
      },
      (res) => {
        let text = "";
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
          req.destroy();
        });
      },
    );
    req.on("timeout", () => reject(new Error("no answer: the server waited for the body")));
    req.on("error", (e) => {
      if (!req.destroyed) reject(e);
    });
    if (withholdBody) req.flushHeaders();
    else req.end(body);
  });
}

describe("ingestion rate limit in one process (SQLite, in memory)", () => {
  let rt: Runtime | undefined;
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    await rt?.close();
  });

  it("accepts the limit, then answers 429 without reading the body; other tokens and made-up ones spend nothing of it", async () => {
    rt = await testRuntime(sqlite);
    app = await buildApp(
      { ...rt, config: { ...rt.config, ingestRateLimit: 3 } },
      { logger: false },
    );
    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as AddressInfo;
    const a = await userWithToken(rt, "responder", "ingest");
    const b = await userWithToken(rt, "responder", "ingest");

    // A made-up credential is refused as unknown, never counted against anyone.
    const madeUp = `Bearer fbt_${"x".repeat(40)}`;
    for (let i = 0; i < 5; i++) expect((await postEvent(port, madeUp)).status).toBe(401);

    for (let i = 0; i < 3; i++)
      expect((await postEvent(port, a.headers.authorization)).status).toBe(202);
    // Over the limit: the first refusal comes from the counter, the next from this node's memory
    // of it; neither waits for the body the request announced.
    for (let i = 0; i < 2; i++) {
      const limited = await postEvent(port, a.headers.authorization, true);
      expect(limited.status).toBe(429);
      expect(limited.headers["content-type"]).toContain("application/problem+json");
      expect(JSON.parse(limited.body)).toMatchObject({
        status: 429,
        type: "/problems/rate_limited",
      });
      const retryAfter = Number(limited.headers["retry-after"]);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    expect((await postEvent(port, b.headers.authorization)).status).toBe(202);
    // The same token in another spelling of the header is the same credential.
    expect((await postEvent(port, `bearer   ${a.token}`)).status).toBe(429);
    expect((await postEvent(port, madeUp)).status).toBe(401);
  });
});

describe("ingestion rate limit on a key that rides in the body (PagerDuty)", () => {
  let rt: Runtime | undefined;
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    await rt?.close();
  });

  it("counts per routing key once the body is read, and answers 429, not PagerDuty's 400", async () => {
    rt = await testRuntime(sqlite);
    app = await buildApp(
      { ...rt, config: { ...rt.config, ingestRateLimit: 2 } },
      { logger: false },
    );
    const [a, b] = [
      await createIntegration(rt, { kind: "pagerduty", name: "a" }, systemActor("test")),
      await createIntegration(rt, { kind: "pagerduty", name: "b" }, systemActor("test")),
    ];
    const send = (routingKey: string, i: number) =>
      (app as App).inject({
        method: "POST",
        url: "/api/v1/integrations/pagerduty/v2/enqueue",
        payload: {
          routing_key: routingKey,
          event_action: "trigger",
          payload: { summary: `disk full ${i}`, source: "db-1", severity: "error" },
        },
      });
    for (let i = 0; i < 2; i++) expect((await send(a.key, i)).statusCode).toBe(202);
    const limited = await send(a.key, 2);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["content-type"]).toContain("application/problem+json");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect((await send(b.key, 0)).statusCode).toBe(202);
  });
});

describe("rate limit counters", () => {
  it("start again from zero with each minute (in memory)", async () => {
    const clock = fixedClock("2026-12-06T12:00:59.000Z");
    const store = memoryRateLimitStore(() => clock.now().getTime());
    expect(await store.hit("k")).toEqual({ count: 1, resetInMs: 1000 });
    expect((await store.hit("k")).count).toBe(2);
    expect((await store.hit("other")).count).toBe(1);
    clock.advance(1000);
    expect(await store.hit("k")).toEqual({ count: 1, resetInMs: RATE_LIMIT_WINDOW_MS });
  });

  describe.skipIf(postgres.skip)("on PostgreSQL", () => {
    let db: Db | undefined;
    afterEach(async () => {
      await db?.close();
    });

    it("give 200 concurrent requests on ten connections 200 distinct counts", async () => {
      db = await postgres.open();
      const store = postgresRateLimitStore(db.kysely);
      // Counts are per clock minute of the database: start early in one, so that the 200 hits
      // (seconds on a loaded machine) do not straddle two.
      const { rows } = await sql<{
        s: number;
      }>`select extract(second from now())::float as s`.execute(db.kysely);
      const second = Number(rows[0]?.s);
      if (second > 30) await new Promise((r) => setTimeout(r, (60 - second) * 1000 + 50));
      const hits = await Promise.all(Array.from({ length: 200 }, () => store.hit("token:t")));
      const counts = hits.map((h) => h.count).sort((x, y) => x - y);
      expect(counts).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      for (const h of hits) {
        expect(h.resetInMs).toBeGreaterThan(0);
        expect(h.resetInMs).toBeLessThanOrEqual(RATE_LIMIT_WINDOW_MS);
      }
    });

    it("delete the rows of ended minutes", async () => {
      db = await postgres.open();
      const kysely = db.kysely;
      await sql`insert into rate_limit_counters (key, minute, count) values ('token:old', 1, 5)`.execute(
        kysely,
      );
      await postgresRateLimitStore(kysely).hit("token:new");
      await waitFor("the ended minute's row to go", async () => {
        const { rows } = await sql<{ key: string }>`select key from rate_limit_counters`.execute(
          kysely,
        );
        return rows.length === 1 && rows[0]?.key === "token:new";
      });
    });
  });
});
