import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { createReceivers, detectionApp } from "../../../test/support/detection.js";
import { testRuntime } from "../../../test/support/runtime.js";
import { EXAMPLE_KEY, PAGERDUTY_CHANGE } from "../../contract/receivers.examples.js";
import { fixedClock } from "../../domain/clock.js";
import type { Runtime } from "../../runtime.js";
import type { App } from "../../server/app.js";

const ENQUEUE = "/api/v1/integrations/pagerduty/v2/change/enqueue";
const START = "2026-11-23T08:00:00.000Z";
const MINUTE = 60_000;

for (const dialect of TEST_DIALECTS)
  describe(`PagerDuty change events over HTTP on ${dialect.name}`, () => {
    const clock = fixedClock(START);
    let rt: Runtime;
    let app: App;
    let keys: { pagerduty: string; alertmanager: string };

    beforeAll(async () => {
      if (dialect.skip) return;
      rt = await testRuntime(dialect, { clock });
      app = await detectionApp(rt);
      ({ keys } = await createReceivers(app, { items: "alerts", title: "/title" }));
    });
    afterAll(async () => {
      await app?.close();
      await rt?.close();
    });
    const send = (body: unknown) =>
      app.inject({
        method: "POST",
        url: ENQUEUE,
        payload: body as object,
        headers: { "content-type": "application/json" },
      });
    const change = (summary: string, extra: Record<string, unknown> = {}) => ({
      routing_key: keys.pagerduty,
      payload: { summary, source: "deploy-pipeline", ...extra },
    });
    const declare = async (
      title: string,
      attributes: Record<string, unknown>,
      assets?: string[],
    ) => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/incidents",
        payload: { title, type: "ransomware", attributes, ...(assets ? { assets } : {}) },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; human_id: string };
    };
    const changesOf = async (ref: string) => {
      const res = await app.inject(`/api/v1/incidents/${ref}/changes`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        items: { summary: string; timestamp: string }[];
        anchor: string;
        from: string;
        targets: string[];
      };
    };

    it.skipIf(dialect.skip !== undefined)(
      "done when: a change is accepted with 202 and shows on an incident declared for its service ten minutes later",
      async () => {
        clock.set(START);
        const res = await send({
          ...change("Deployed checkout-api v2.14.0", {
            custom_details: { service: "Checkout-API", build: "2140" },
          }),
          links: [{ href: "https://ci.example.org/builds/2140", text: "Build 2140" }],
        });
        expect(res.statusCode).toBe(202);
        const answer = res.json();
        expect(answer).toEqual({
          status: "success",
          message: "Change event processed",
          dedup_key: expect.any(String),
        });
        // Another service's change in the same minutes is not this incident's.
        expect(
          (await send(change("Rotated the ERP secret", { custom_details: { service: "erp" } })))
            .statusCode,
        ).toBe(202);

        clock.advance(10 * MINUTE);
        const incident = await declare("Checkout failing after deploy", {
          affected_services: ["checkout-api"],
        });
        const shown = await changesOf(incident.human_id);
        expect(shown.items.map((c) => c.summary)).toEqual(["Deployed checkout-api v2.14.0"]);
        expect(shown.anchor).toBe(new Date(Date.parse(START) + 10 * MINUTE).toISOString());
        expect(shown.from).toBe(new Date(Date.parse(shown.anchor) - 4 * 60 * MINUTE).toISOString());
        expect(shown.targets).toEqual(["checkout-api"]);

        // Listed too, newest first, filtered by service in any case.
        const listed = (await app.inject("/api/v1/changes?service=CHECKOUT-API")).json();
        expect(listed.items.map((c: { summary: string }) => c.summary)).toEqual([
          "Deployed checkout-api v2.14.0",
        ]);
        expect(listed.items[0].links).toEqual([
          { href: "https://ci.example.org/builds/2140", text: "Build 2140" },
        ]);
        expect(listed.items[0].dedup_key).toBe(answer.dedup_key);

        // And in the technical report, with its time relative to the anchor.
        const report = await app.inject({
          method: "POST",
          url: `/api/v1/incidents/${incident.human_id}/reports`,
          payload: { kind: "technical", format: "md", include_content: true },
        });
        expect(report.statusCode, report.body).toBe(201);
        const md = Buffer.from(report.json().content_base64, "base64").toString("utf8");
        const section = md.slice(md.indexOf("## Changes before the incident"));
        expect(section).toContain("touching checkout-api");
        expect(section.slice(0, section.indexOf("\n## ", 5))).toMatch(
          /10m.*Deployed checkout-api v2\.14\.0.*deploy-pipeline.*Build 2140: https:\/\/ci\.example\.org\/builds\/2140/,
        );
      },
    );

    it.skipIf(dialect.skip !== undefined)(
      "matches by asset name and the change's source; leaves out changes outside the window",
      async () => {
        clock.set("2026-11-24T12:00:00.000Z");
        const old = new Date(clock.now().getTime() - 5 * 60 * MINUTE).toISOString();
        expect(
          (await send(change("Patched fs01 kernel", { source: "FS01", timestamp: old })))
            .statusCode,
        ).toBe(202);
        const recent = new Date(clock.now().getTime() - 30 * MINUTE).toISOString();
        expect(
          (
            await send(
              change("Changed fs01 share permissions", { source: "fs01", timestamp: recent }),
            )
          ).statusCode,
        ).toBe(202);
        const later = new Date(clock.now().getTime() + 5 * MINUTE).toISOString();
        expect(
          (await send(change("Rebooted fs01", { source: "fs01", timestamp: later }))).statusCode,
        ).toBe(202);

        const incident = await declare("Encrypted files on fs01", {}, ["FS01"]);
        expect((await changesOf(incident.id)).items.map((c) => c.summary)).toEqual([
          "Changed fs01 share permissions",
        ]);
        // An incident that names nothing shows no changes rather than all of them.
        expect((await changesOf((await declare("Unknown", {})).id)).items).toEqual([]);
      },
    );

    it.skipIf(dialect.skip !== undefined)(
      "stores a sender's retry of a timestamped change once",
      async () => {
        const body = change("Deployed payments v7", {
          timestamp: "2026-11-23T07:50:00.000+0000",
          custom_details: { service: "payments" },
        });
        const first = (await send(body)).json();
        const retry = (await send(body)).json();
        expect(retry.dedup_key).toBe(first.dedup_key);
        const listed = (await app.inject("/api/v1/changes?service=payments")).json();
        expect(listed.items).toHaveLength(1);
        expect(listed.items[0].timestamp).toBe("2026-11-23T07:50:00.000Z");
        // Without their own time, two identical changes are two changes.
        const bare = change("Restarted payments", { custom_details: { service: "payments" } });
        expect((await send(bare)).json().dedup_key).not.toBe((await send(bare)).json().dedup_key);
      },
    );

    it.skipIf(dialect.skip !== undefined)(
      "accepts the documented example with a real key",
      async () => {
        const res = await send({ ...PAGERDUTY_CHANGE, routing_key: keys.pagerduty });
        expect(PAGERDUTY_CHANGE.routing_key).toBe(EXAMPLE_KEY);
        expect(res.statusCode).toBe(202);
        // And the curl example of docs/integrations.md, so that the page cannot drift.
        const doc = readFileSync(new URL("../../../docs/integrations.md", import.meta.url), "utf8");
        const section = doc.slice(doc.indexOf("### PagerDuty change events\n"));
        const curl = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
        const body = (/-d '([\s\S]*)'/.exec(curl)?.[1] ?? "").replace(
          "<integration key>",
          keys.pagerduty,
        );
        const fromDoc = await send(JSON.parse(body));
        expect(fromDoc.statusCode, fromDoc.body).toBe(202);
      },
    );

    it.skipIf(dialect.skip !== undefined)(
      "answers bad events with PagerDuty's 400, never a 5xx, and stores nothing",
      async () => {
        const before = (await app.inject("/api/v1/changes?limit=500")).json().items.length;
        const invalid = async (body: unknown, error: string) => {
          const res = await send(body);
          expect(res.statusCode, res.body).toBe(400);
          const answer = res.json();
          expect(answer.status).toBe("invalid event");
          expect(answer.message).toBe("Event object is invalid");
          expect(answer.errors.join("; ")).toContain(error);
        };
        await invalid({ ...change("x"), routing_key: "0".repeat(32) }, "Invalid routing key");
        // An Alertmanager integration's key is not a PagerDuty routing key.
        await invalid({ ...change("x"), routing_key: keys.alertmanager }, "Invalid routing key");
        await invalid({ ...change("x"), routing_key: "short" }, "'routing_key' must be 32");
        await invalid({ routing_key: keys.pagerduty }, "'payload' is missing");
        await invalid(change(" "), "'payload.summary' is missing");
        await invalid(change("x".repeat(1025)), "at most 1024");
        await invalid(change("x", { timestamp: "yesterday" }), "'payload.timestamp'");
        await invalid(change("x", { custom_details: [1] }), "'payload.custom_details'");
        await invalid(change("x", { source: 7 }), "'payload.source'");
        await invalid({ ...change("x"), links: [{ text: "no href" }] }, "'links[0].href'");
        await invalid({ ...change("x"), links: "https://x" }, "'links' must be an array");
        await invalid([change("x")], "must be a JSON object");
        const garbled = await app.inject({
          method: "POST",
          url: ENQUEUE,
          payload: "{not json",
          headers: { "content-type": "application/json" },
        });
        expect(garbled.statusCode).toBe(400);
        expect(garbled.json().status).toBe("invalid event");
        expect((await app.inject("/api/v1/changes?limit=500")).json().items).toHaveLength(before);
      },
    );

    it.skipIf(dialect.skip !== undefined)(
      "keeps hostile text (lone surrogates, deep details, odd links) and refuses NUL, never a 5xx",
      async () => {
        const res = await send({
          ...change("lone \ud800 surrogate", {
            source: "host-1",
            custom_details: { service: "svc\udfff", deep: { a: { b: { c: ["\udfff"] } } } },
          }),
          links: [{ href: "javascript:alert(1)", text: "\ud800" }],
        });
        expect(res.statusCode, res.body).toBe(202);
        const listed = (await app.inject("/api/v1/changes?service=host-1")).json();
        expect(listed.items).toHaveLength(1);
        // Stored as given (readers decide how to show it): the web links only http(s).
        expect(listed.items[0].links[0].href).toBe("javascript:alert(1)");
        // PostgreSQL text cannot hold NUL: refused for every route (server/body-limits.ts), here
        // in PagerDuty's shape.
        const nul = await send(change("nul \u0000", { source: "host-1" }));
        expect(nul.statusCode).toBe(400);
        expect(nul.json().status).toBe("invalid event");
      },
    );

    it.skipIf(dialect.skip !== undefined)(
      "answers random and hostile events 202 or PagerDuty's 400, never a 5xx",
      async () => {
        // Lone surrogates, controls, bidi and astral characters among ordinary text (no NUL,
        // which every route refuses before the receiver sees it).
        const odd = fc.oneof(
          fc.constantFrom("\u0001", "\u202e", "\ufeff", "\uffff", "\u{1f469}\u200d\u{1f467}"),
          fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
        );
        const text = fc.string({
          unit: fc.oneof({ weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 1 }) }, odd),
          maxLength: 300,
        });
        const value = fc.oneof(
          text,
          fc.integer(),
          fc.constant(null),
          fc.array(text, { maxLength: 3 }),
        );
        const wellFormed = fc.record(
          {
            routing_key: fc.oneof(fc.constant(keys.pagerduty), text),
            payload: fc.record(
              {
                summary: fc.oneof(text, value),
                source: fc.oneof(text, value),
                timestamp: fc.oneof(
                  text,
                  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
                ),
                custom_details: fc.oneof(fc.dictionary(text, value), value),
              },
              { requiredKeys: [] },
            ),
            links: fc.oneof(
              fc.array(fc.record({ href: fc.oneof(text, value), text: fc.oneof(text, value) }), {
                maxLength: 3,
              }),
              value,
            ),
          },
          { requiredKeys: [] },
        );
        const body = fc.oneof(
          wellFormed.map((b) => JSON.stringify(b)),
          text,
          fc.json(),
        );
        await fc.assert(
          fc.asyncProperty(body, async (raw) => {
            const res = await app.inject({
              method: "POST",
              url: ENQUEUE,
              payload: raw,
              headers: { "content-type": "application/json" },
            });
            expect(res.statusCode, `${res.body} for ${raw.slice(0, 200)}`).toBeOneOf([202, 400]);
            expect(res.json().status).toBe(res.statusCode === 202 ? "success" : "invalid event");
          }),
          { seed: 20261123, numRuns: dialect.name === "sqlite" ? 400 : 200 },
        );
      },
    );

    it.skipIf(dialect.skip !== undefined)(
      "pages the list with its cursor and refuses a cursor it did not give out",
      async () => {
        const first = (await app.inject("/api/v1/changes?limit=2")).json();
        expect(first.items).toHaveLength(2);
        expect(first.next_cursor).toEqual(expect.any(String));
        const second = (
          await app.inject(
            `/api/v1/changes?limit=2&cursor=${encodeURIComponent(first.next_cursor)}`,
          )
        ).json();
        const ids = new Set([...first.items, ...second.items].map((c: { id: string }) => c.id));
        expect(ids.size).toBe(first.items.length + second.items.length);
        const bad = await app.inject("/api/v1/changes?cursor=garbage");
        expect(bad.statusCode).toBe(400);
        expect(bad.json().errors[0].path).toBe("cursor");
        expect((await app.inject("/api/v1/changes?since=soon")).statusCode).toBe(400);
        const window = (
          await app.inject(
            "/api/v1/changes?since=2026-11-23T07:55:00Z&until=2026-11-23T08:00:00Z&limit=500",
          )
        ).json();
        // Both at the same moment: their order is the id's, so compare them as a set.
        expect(window.items.map((c: { summary: string }) => c.summary).sort()).toEqual([
          "Deployed checkout-api v2.14.0",
          "Rotated the ERP secret",
        ]);
      },
    );
  });
