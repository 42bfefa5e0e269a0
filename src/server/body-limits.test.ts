import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { detectionApp } from "../../test/support/detection.js";
import { testRuntime } from "../../test/support/runtime.js";
import type { Runtime } from "../runtime.js";
import type { App } from "./app.js";

/**
 * Issue 14 acceptance: U+0000 in a title, a path id, a search or a PagerDuty event answered 500
 * on PostgreSQL (its text cannot hold NUL). Each is a 400 naming where the NUL is, on both
 * dialects alike, and nothing is stored.
 */
for (const dialect of TEST_DIALECTS)
  describe.skipIf(dialect.skip !== undefined)(`U+0000 in requests on ${dialect.name}`, () => {
    let rt: Runtime;
    let app: App;
    let incident: string;
    let pagerDutyKey: string;
    let webhook: { id: string; key: string };
    beforeAll(async () => {
      rt = await testRuntime(dialect);
      app = await detectionApp(rt);
      const declared = await app.inject({
        method: "POST",
        url: "/api/v1/incidents",
        payload: { type: "malware", title: "Clean title" },
      });
      expect(declared.statusCode, declared.body).toBe(201);
      incident = declared.json().id;
      pagerDutyKey = (
        await app.inject({
          method: "POST",
          url: "/api/v1/integrations",
          payload: { kind: "pagerduty", name: "pd" },
        })
      ).json().key;
      webhook = (
        await app.inject({
          method: "POST",
          url: "/api/v1/integrations",
          payload: {
            kind: "webhook",
            name: "wh",
            mapping: { items: "alerts", title: "/labels/alertname", dedup_key: "fingerprint" },
          },
        })
      ).json();
    });
    afterAll(async () => {
      await app.close();
      await rt.close();
    });

    const cases: [string, string, string, () => object | undefined, string][] = [
      [
        "POST",
        "/api/v1/incidents",
        "title",
        () => ({ type: "malware", title: "a\0b" }),
        "body.title",
      ],
      ["POST", "/notes", "note", () => ({ text: "x\0" }), "body.text"],
      ["POST", "/tasks", "task", () => ({ title: "t\0", phase: "containment" }), "body.title"],
      ["GET", "/api/v1/incidents/a%00b", "path id", () => undefined, "params.id"],
      ["GET", "/api/v1/alerts?q=a%00b", "alert search", () => undefined, "query.q"],
      ["GET", "/api/v1/incidents?q=a%00b", "incident search", () => undefined, "query.q"],
    ];
    it.each(cases)("%s %s (%s) answers 400 naming %s", async (method, path, _what, body, at) => {
      const url = path.startsWith("/api") ? path : `/api/v1/incidents/${incident}${path}`;
      const res = await app.inject({ method: method as "GET", url, payload: body() });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors).toEqual([{ message: "contains U+0000 (NUL)", path: at }]);
    });

    it("refuses a PagerDuty event with a NUL as invalid, in PagerDuty's shape, storing nothing", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/integrations/pagerduty/v2/enqueue",
        payload: {
          routing_key: pagerDutyKey,
          event_action: "trigger",
          dedup_key: "nul\0key",
          payload: { summary: "s", source: "h", severity: "critical" },
        },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ status: "invalid event" });
      const alerts = await app.inject({ method: "GET", url: "/api/v1/alerts" });
      expect(alerts.json().items).toEqual([]);
      const incidents = await app.inject({ method: "GET", url: "/api/v1/incidents" });
      expect(incidents.json().items.map((i: { title: string }) => i.title)).toEqual([
        "Clean title",
      ]);
    });

    it("rejects only the generic webhook item holding a NUL and stores the other", async () => {
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/integrations/webhook/${webhook.id}`,
        headers: { authorization: `Bearer ${webhook.key}` },
        payload: {
          alerts: [
            { labels: { alertname: "bad\0", host: "h" }, fingerprint: "f1" },
            { labels: { alertname: "Disk full" }, fingerprint: "f2" },
          ],
        },
      });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json().results.map((r: { action: string }) => r.action)).toEqual([
        "rejected",
        "opened",
      ]);
      expect(res.json().results[0].reason).toBe("item contains U+0000 (NUL) (at labels.alertname)");
    });
  });
