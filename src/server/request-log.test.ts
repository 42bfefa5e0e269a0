import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { userWithToken } from "../../test/support/identity.js";
import { testRuntime } from "../../test/support/runtime.js";
import { fixedClock } from "../domain/clock.js";
import type { Runtime } from "../runtime.js";
import { type App, buildApp } from "./app.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

interface Line {
  msg: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
  unlogged_refusals_before?: number;
}

/** A log stream that keeps the JSON lines the server writes. */
function logSink() {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n")) if (l) lines.push(JSON.parse(l));
      done();
    },
  });
  return { stream, lines };
}

describe("request log", () => {
  let rt: Runtime | undefined;
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    await rt?.close();
  });

  it("writes one line a request, and ten rate-limit refusals a minute per address, the next saying how many went unlogged", async () => {
    const clock = fixedClock("2026-12-06T12:00:00.000Z");
    rt = await testRuntime(sqlite, { clock });
    const { stream, lines } = logSink();
    app = await buildApp(
      { ...rt, config: { ...rt.config, ingestRateLimit: 1 } },
      { logger: { level: "info", stream } },
    );
    const { headers } = await userWithToken(rt, "responder", "ingest");
    const send = async () =>
      (
        await (app as App).inject({
          method: "POST",
          url: "/api/v1/events?source=log-test",
          headers: { ...headers, "content-type": "application/json" },
          payload: JSON.stringify([{ message: "x" }]),
        })
      ).statusCode;

    expect((await (app as App).inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    expect(lines).toEqual([
      expect.objectContaining({
        msg: "request completed",
        req: expect.objectContaining({ method: "GET", url: "/healthz" }),
        res: { statusCode: 200 },
      }),
    ]);

    expect(await send()).toBe(202);
    for (let i = 0; i < 30; i++) expect(await send()).toBe(429);
    const refusals = () => lines.filter((l) => l.res?.statusCode === 429);
    expect(refusals()).toHaveLength(10);
    expect(refusals()[0]?.req).toMatchObject({
      method: "POST",
      url: "/api/v1/events?source=log-test",
    });
    expect(lines.filter((l) => l.res?.statusCode === 202)).toHaveLength(1);
    expect(lines.some((l) => l.msg === "incoming request")).toBe(false);

    // A new minute: the token may send again, and the next refusal logged tells of the 20.
    clock.advance(60_000);
    expect(await send()).toBe(202);
    expect(await send()).toBe(429);
    expect(refusals()).toHaveLength(11);
    expect(refusals()[10]?.unlogged_refusals_before).toBe(20);
  });
});
