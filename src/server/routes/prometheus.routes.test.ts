import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { testRuntime } from "../../../test/support/runtime.js";
import { fixedClock } from "../../domain/clock.js";
import { Telemetry } from "../../operations/telemetry.js";
import type { Runtime } from "../../runtime.js";
import { type App, buildApp } from "../app.js";
import { listenForMetrics } from "../metrics-listener.js";

const TOKEN = "a-scraper-token-of-some-length";

/** The value of one series in the exposition text, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

for (const dialect of TEST_DIALECTS)
  describe.skipIf(dialect.skip !== undefined)(`Prometheus metrics on ${dialect.name}`, () => {
    let rt: Runtime;
    let app: App;
    let telemetry: Telemetry;
    const clock = fixedClock("2026-11-02T09:00:00.000Z");

    beforeAll(async () => {
      rt = await testRuntime(dialect, { clock });
      telemetry = new Telemetry(rt.operations, rt.clock);
      app = await buildApp(
        { ...rt, config: { ...rt.config, metricsToken: TOKEN } },
        { logger: false, auth: "trust-local", telemetry },
      );
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await rt?.close();
    });

    const scrape = (authorization?: string) =>
      app.inject({
        method: "GET",
        url: "/api/v1/metrics/prometheus",
        headers: authorization ? { authorization } : {},
      });

    it("asks for its own token, and is not there without one configured", async () => {
      expect((await scrape()).statusCode).toBe(401);
      expect((await scrape(`Bearer ${TOKEN}x`)).statusCode).toBe(401);
      expect((await scrape(`Basic ${TOKEN}`)).statusCode).toBe(401);
      const without = await buildApp(rt, { logger: false, auth: "trust-local" });
      const res = await without.inject({ method: "GET", url: "/api/v1/metrics/prometheus" });
      await without.close();
      expect(res.statusCode).toBe(404);
      expect(res.headers["content-type"]).toMatch(/problem\+json/);
    });

    it("counts events, alerts and requests, and reads incidents and jobs from the database", async () => {
      const declared = await app.inject({
        method: "POST",
        url: "/api/v1/incidents",
        payload: { title: "Ransom note on FS02", type: "ransomware" },
      });
      expect(declared.statusCode, declared.body).toBe(201);
      const batch = await app.inject({
        method: "POST",
        url: "/api/v1/events",
        headers: { "content-type": "application/x-ndjson" },
        payload: '{"EventID": 4625, "Computer": "ws1"}\nnope\n{"EventID": 4624}\n',
      });
      expect(batch.statusCode, batch.body).toBeLessThan(300);
      const res = await scrape(`Bearer ${TOKEN}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = res.body;
      expect(sample(text, "firebreak_events_received_total")).toBe(3);
      expect(sample(text, "firebreak_events_rejected_total")).toBe(1);
      expect(sample(text, "firebreak_events_evaluated_total")).toBe(2);
      expect(sample(text, 'firebreak_incidents{phase="detection"}')).toBe(1);
      // Declaring scheduled its timers (escalation, status updates): they wait in the queue.
      expect(sample(text, 'firebreak_jobs{status="pending"}')).toBeGreaterThan(0);
      // No worker runs here: what is due waits, and the gauge says for how long.
      expect(sample(text, "firebreak_timer_lateness_seconds")).toBe(0);
      clock.advance(3_600_000);
      const later = (await scrape(`Bearer ${TOKEN}`)).body;
      const late = sample(later, "firebreak_timer_lateness_seconds") ?? 0;
      expect(late).toBeGreaterThan(0);
      expect(late).toBeLessThanOrEqual(3600);
      expect(
        sample(
          text,
          'firebreak_http_request_duration_seconds_count{method="POST",route="/api/v1/events",status="2xx"}',
        ),
      ).toBe(1);
      // Series by route template, not by URL: no incident id in any label.
      const human = declared.json().human_id as string;
      expect(text).not.toContain(human);
    });

    it("serves the same text on a listener of its own, without a token, and nothing else there", async () => {
      const server = await listenForMetrics(telemetry, "127.0.0.1:0");
      try {
        const { port } = server.address() as AddressInfo;
        const ok = await fetch(`http://127.0.0.1:${port}/metrics`);
        expect(ok.status).toBe(200);
        expect(sample(await ok.text(), "firebreak_events_received_total")).toBe(3);
        expect((await fetch(`http://127.0.0.1:${port}/api/v1/incidents`)).status).toBe(404);
      } finally {
        server.close();
      }
    });
  });
