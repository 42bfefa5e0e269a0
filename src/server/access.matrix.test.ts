import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { userWithToken } from "../../test/support/identity.js";
import { testRuntime } from "../../test/support/runtime.js";
import { allows, type Role, type TokenScope } from "../auth/permissions.matrix.js";
import type { Runtime } from "../runtime.js";
import { type App, buildApp } from "./app.js";
import { type RegisteredRoute, registeredRoutes } from "./route-registry.js";

/**
 * Walks EVERY registered route — whoever added it, whenever — with every kind of caller and
 * checks the answer against the one matrix: allowed means anything but 401/403, refused means
 * 403, no credentials means 401. Public routes must be on the short list below.
 */
const PUBLIC_ROUTES = [
  "GET /healthz",
  "GET /readyz",
  "GET /api/v1/openapi.json",
  "POST /api/v1/session",
  // Monitors' receivers authenticate with their integration's own key.
  "POST /api/v1/integrations/pagerduty/v2/enqueue",
  "POST /api/v1/integrations/alertmanager",
  "POST /api/v1/integrations/webhook/:integrationId",
  // Acknowledgement links from pages and e-mails carry their own HMAC.
  "GET /api/v1/ack/*",
  "POST /api/v1/ack/*",
  // The web interface's pages hold no data; the API calls they make are checked.
  "GET /",
  "GET /*",
];

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];
const concrete = (url: string) => url.replace(/:[A-Za-z_]+/g, "x").replace("*", "x");
const name = (r: RegisteredRoute) => `${r.method} ${r.url}`;

interface Caller {
  label: string;
  role: Role;
  scope?: TokenScope;
  headers: Record<string, string>;
}

describe("every route × every role and token scope", () => {
  let rt: Runtime;
  let app: App;
  let routes: RegisteredRoute[];
  const callers: Caller[] = [];

  beforeAll(async () => {
    rt = await testRuntime(sqlite);
    app = await buildApp(rt, { logger: false });
    // Registered after buildApp on purpose: a route that forgets its permission.
    app.get("/api/v1/zz-undeclared", async () => ({ leaked: true }));
    await app.ready();
    routes = registeredRoutes(app).filter((r) => r.method !== "HEAD");
    const grants: [Role, TokenScope][] = [
      ["admin", "write"],
      ["admin", "read"],
      ["responder", "write"],
      ["responder", "read"],
      ["responder", "ingest"],
      ["observer", "read"],
    ];
    for (const [role, scope] of grants) {
      const { headers } = await userWithToken(rt, role, scope);
      callers.push({ label: `${role} with a ${scope} token`, role, scope, headers });
    }
    for (const role of ["admin", "responder", "observer"] as const) {
      const { user } = await userWithToken(rt, role);
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/session",
        payload: { email: user.email, password: "correct horse battery staple" },
      });
      const cookie = String(res.headers["set-cookie"]).split(";")[0] as string;
      const headers = { cookie, "x-csrf-token": res.json().csrf_token };
      callers.push({ label: `${role} signed in`, role, headers });
    }
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await rt.close();
  });

  const call = (r: RegisteredRoute, headers: Record<string, string> = {}) =>
    app.inject({
      method: r.method as "GET",
      url: concrete(r.url),
      headers,
      ...(["POST", "PUT", "PATCH"].includes(r.method) ? { payload: {} } : {}),
    });

  it("finds the routes, and every one declares a permission (this test fails for one that does not)", () => {
    expect(routes.length).toBeGreaterThan(40);
    const undeclared = routes.filter((r) => r.permission === undefined).map(name);
    expect(undeclared).toEqual(["GET /api/v1/zz-undeclared"]);
    const publicOnes = routes.filter((r) => r.permission === "public").map(name);
    expect(publicOnes.filter((r) => !PUBLIC_ROUTES.includes(r))).toEqual([]);
  });

  it("refuses a route without a declared permission to everyone, admins included", async () => {
    const route = { method: "GET", url: "/api/v1/zz-undeclared", permission: undefined };
    for (const headers of [{}, ...callers.map((c) => c.headers)]) {
      const res = await call(route, headers);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain("leaked");
    }
  });

  it("answers 401 without credentials on every route but the public ones", async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      if (r.permission === "public" || r.permission === undefined) continue;
      const res = await call(r);
      if (res.statusCode !== 401) wrong.push(`${name(r)} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
    // HEAD twins too.
    const head = await app.inject({ method: "HEAD", url: "/api/v1/incidents" });
    expect(head.statusCode).toBe(401);
  }, 120_000);

  it("answers each caller as the matrix says, route by route", async () => {
    const wrong: string[] = [];
    for (const c of callers)
      for (const r of routes) {
        if (r.permission === "public" || r.permission === undefined) continue;
        // Signing out mid-walk would end the session the rest of the walk uses.
        if (name(r) === "DELETE /api/v1/session" && c.scope === undefined) continue;
        const res = await call(r, c.headers);
        const allowed = allows(c.role, c.scope, r.permission);
        const ok = allowed ? ![401, 403].includes(res.statusCode) : res.statusCode === 403;
        if (!ok)
          wrong.push(
            `${c.label}: ${name(r)} (${r.permission}) → ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
      }
    expect(wrong).toEqual([]);
  }, 300_000);

  it("lets an observer change nothing but their own sign-in and read tokens", async () => {
    const observerChanges = routes.filter(
      (r) =>
        !["GET", "HEAD"].includes(r.method) &&
        r.permission !== "public" &&
        r.permission !== undefined &&
        allows("observer", undefined, r.permission),
    );
    expect(observerChanges.map(name).sort()).toEqual([
      "DELETE /api/v1/session",
      "DELETE /api/v1/tokens/:id",
      "POST /api/v1/tokens",
    ]);
  });

  it("lets an ingest-only token send events and alerts and read nothing", async () => {
    const ingest = callers.find((c) => c.scope === "ingest") as Caller;
    const reads = routes.filter((r) => r.method === "GET" && r.permission !== "public");
    for (const r of reads) expect((await call(r, ingest.headers)).statusCode, name(r)).toBe(403);
    const events = await app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: { ...ingest.headers, "content-type": "application/json" },
      payload: JSON.stringify([{ message: "hello", host: { name: "fs01" } }]),
    });
    expect(events.statusCode, events.body).toBeLessThan(300);
    const sendable = routes
      .filter((r) => r.permission !== "public" && r.permission !== undefined)
      .filter((r) => allows("responder", "ingest", r.permission as never))
      .map((r) => r.permission);
    expect(new Set(sendable)).toEqual(new Set(["events:ingest", "alerts:write"]));
  }, 120_000);
});
