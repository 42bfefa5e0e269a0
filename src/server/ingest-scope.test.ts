import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { userWithToken } from "../../test/support/identity.js";
import { testRuntime } from "../../test/support/runtime.js";
import { buildApp } from "./app.js";

/**
 * An ingest token (what a log shipper holds) sends events and nothing else, on every dialect:
 * 403 on creating a suppression (which would silence detection), on triage, and on every GET the
 * served OpenAPI document lists with a permission; its events are stored.
 */
describe.each(TEST_DIALECTS)("an ingest token on $name", (dialect) => {
  it("sends events, and gets 403 on suppressions, triage and every GET", async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    const rt = await testRuntime(dialect);
    const app = await buildApp(rt, { logger: false });
    try {
      for (const role of ["admin", "responder"] as const) {
        const { headers } = await userWithToken(rt, role, "ingest");
        const send = (method: string, url: string, payload?: unknown) =>
          app.inject({ method: method as "GET", url, headers, payload: payload as object });

        const events = await send("POST", "/api/v1/events", [{ message: "login", host: "fs01" }]);
        expect(events.statusCode, events.body).toBeLessThan(300);
        expect(events.json().accepted).toBe(1);

        const suppression = await send("POST", "/api/v1/suppressions", {
          reason: "silence everything",
          match: {},
        });
        expect(suppression.statusCode, suppression.body).toBe(403);
        expect(suppression.json().detail).toMatch(/ingest/);
        expect((await rt.detection.suppressions.list()).length).toBe(0);
        for (const action of ["acknowledge", "resolve", "suppress"]) {
          const triage = await send("POST", `/api/v1/alerts/x/${action}`, { reason: "r" });
          expect(triage.statusCode, action).toBe(403);
        }

        const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
        const gets = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
          .filter(([, ops]) => {
            const permission = (ops.get as { "x-permission"?: string } | undefined)?.[
              "x-permission"
            ];
            return permission !== undefined && permission !== "public";
          })
          .map(([path]) => path.replace(/\{[^}]+\}/g, "x"));
        expect(gets.length).toBeGreaterThan(50);
        const answered = await Promise.all(
          gets.map(async (url) => [url, (await send("GET", url)).statusCode]),
        );
        expect(answered.filter(([, status]) => status !== 403)).toEqual([]);
      }
    } finally {
      await app.close();
      await rt.close();
    }
  }, 120_000);
});
