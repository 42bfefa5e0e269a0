import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { PASSWORD, userWithToken } from "../../test/support/identity.js";
import { testRuntime } from "../../test/support/runtime.js";
import type { Permission } from "../auth/permissions.matrix.js";
import { allows, GUARDED_PERMISSIONS, grantableScopes } from "../auth/permissions.matrix.js";
import { ROLES, type Role, TOKEN_SCOPES, type TokenScope } from "../domain/access-roles.js";
import type { Runtime } from "../runtime.js";
import { type App, buildApp } from "./app.js";
import { registeredRoutes } from "./route-registry.js";

/**
 * Walks every route the SERVED OpenAPI document lists (its `x-permission` says what each needs),
 * plus the few routes the app serves outside it, with every role signed in and with every token
 * scope the role may hold, and checks each answer against the one matrix: allowed means anything
 * but 401/403, refused means 403, no credentials means 401. A route added tomorrow is in the
 * document, so it is walked; one that declares no permission, or one the matrix does not know,
 * fails here. A route hidden from the document must be on the short list below.
 */
const OUTSIDE_THE_DOCUMENT = [
  "GET /api/v1/openapi.json",
  // Prometheus' text format for scrapers (docs/operations.md#metrics), not an API resource.
  "GET /api/v1/metrics/prometheus",
  // The web interface's pages hold no data; the API calls they make are checked.
  "GET /",
  "GET /{path}",
];
const PUBLIC_ROUTES = [
  "GET /healthz",
  "GET /readyz",
  // Prometheus: its own Bearer token (FIREBREAK_METRICS_TOKEN); absent, the route is a 404.
  "GET /api/v1/metrics/prometheus",
  "GET /api/v1/openapi.json",
  "POST /api/v1/session",
  // First start (the setup code) and one-time invitation / password-reset links.
  "GET /api/v1/setup",
  "POST /api/v1/setup",
  "GET /api/v1/account-links/{token}",
  "POST /api/v1/account-links/{token}",
  // Single sign-on: the sign-in page asks how to sign in; the browser's trip to the provider and
  // back carries its own proof (state bound to a cookie, the code, the provider's signed ID token).
  "GET /api/v1/auth/methods",
  "GET /api/v1/auth/oidc/start",
  "GET /api/v1/auth/oidc/callback",
  // Monitors' receivers authenticate with their integration's own key.
  "POST /api/v1/integrations/pagerduty/v2/enqueue",
  "POST /api/v1/integrations/pagerduty/v2/change/enqueue",
  "POST /api/v1/integrations/alertmanager",
  "POST /api/v1/integrations/grafana",
  "POST /api/v1/integrations/webhook/{integrationId}",
  // Acknowledgement links from pages and e-mails carry their own HMAC.
  "GET /api/v1/ack/{token}",
  "POST /api/v1/ack/{token}",
  "GET /",
  "GET /{path}",
];

interface Route {
  method: string;
  /** As OpenAPI writes it: `/api/v1/incidents/{id}`. */
  url: string;
  permission: Permission | undefined;
}
interface Caller {
  label: string;
  role: Role;
  scope?: TokenScope;
  headers: Record<string, string>;
}

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];
const METHODS = ["get", "post", "put", "patch", "delete"];
const name = (r: Pick<Route, "method" | "url">) => `${r.method} ${r.url}`;
const concrete = (url: string) => url.replace(/\{[^}]+\}/g, "x");

describe("every served route × role × token scope against the permission matrix", () => {
  let rt: Runtime;
  let app: App;
  let routes: Route[];
  const callers: Caller[] = [];

  beforeAll(async () => {
    rt = await testRuntime(sqlite);
    app = await buildApp(rt, { logger: false });
    // Registered after buildApp on purpose: a route that forgets its permission.
    app.get("/api/v1/zz-undeclared", { schema: { tags: ["test"] } }, async () => ({ leaked: 1 }));
    await app.ready();

    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    const documented: Route[] = Object.entries(
      doc.paths as Record<string, Record<string, { "x-permission"?: Permission }>>,
    ).flatMap(([url, ops]) =>
      Object.entries(ops)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, op]) => ({
          method: method.toUpperCase(),
          url,
          permission: op["x-permission"],
        })),
    );
    const known = new Set(documented.map(name));
    const outside = registeredRoutes(app)
      .filter((r) => r.method !== "HEAD")
      .map((r) => ({ method: r.method, url: r.path, permission: r.permission }))
      .filter((r) => !known.has(name(r)));
    expect(outside.map(name).sort()).toEqual([...OUTSIDE_THE_DOCUMENT].sort());
    routes = [...documented, ...outside];

    for (const role of ROLES) {
      for (const scope of TOKEN_SCOPES) {
        if (!grantableScopes(role).includes(scope)) continue;
        const { headers } = await userWithToken(rt, role, scope);
        callers.push({ label: `${role} with a ${scope} token`, role, scope, headers });
      }
      const { user } = await userWithToken(rt, role);
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/session",
        payload: { email: user.email, password: PASSWORD },
      });
      const cookie = String(res.headers["set-cookie"]).split(";")[0] as string;
      callers.push({
        label: `${role} signed in`,
        role,
        headers: { cookie, "x-csrf-token": res.json().csrf_token },
      });
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  const call = (r: Pick<Route, "method" | "url">, headers: Record<string, string> = {}) =>
    app.inject({
      method: r.method as "GET",
      url: concrete(r.url),
      headers,
      ...(["POST", "PUT", "PATCH"].includes(r.method) ? { payload: {} } : {}),
    });
  const guarded = () =>
    routes.filter(
      (r): r is Route & { permission: Exclude<Permission, "public"> } =>
        r.permission !== undefined && r.permission !== "public",
    );

  it("walks every route the document lists, and each declares a permission the matrix knows", () => {
    expect(routes.length).toBeGreaterThan(90);
    expect(callers).toHaveLength(10);
    const undeclared = routes.filter((r) => r.permission === undefined).map(name);
    expect(undeclared, "routes without a permission").toEqual(["GET /api/v1/zz-undeclared"]);
    const unknown = guarded().filter((r) => !GUARDED_PERMISSIONS.includes(r.permission));
    expect(unknown.map(name), "permissions missing from the matrix").toEqual([]);
    const publicOnes = routes.filter((r) => r.permission === "public").map(name);
    expect(publicOnes.filter((r) => !PUBLIC_ROUTES.includes(r))).toEqual([]);
  });

  it("refuses a route without a declared permission to everyone, admins included", async () => {
    const route = { method: "GET", url: "/api/v1/zz-undeclared" };
    for (const headers of [{}, ...callers.map((c) => c.headers)]) {
      const res = await call(route, headers);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain("leaked");
    }
  });

  it("answers 401 without credentials on every route but the public ones", async () => {
    const wrong: string[] = [];
    for (const r of guarded()) {
      const res = await call(r);
      if (res.statusCode !== 401) wrong.push(`${name(r)} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
    const head = await app.inject({ method: "HEAD", url: "/api/v1/incidents" });
    expect(head.statusCode).toBe(401);
  }, 120_000);

  it("answers each role and token scope as the matrix says, route by route", async () => {
    const wrong: string[] = [];
    for (const c of callers)
      for (const r of guarded()) {
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

  it("lets an observer change nothing but their own sign-in, display time zone and read tokens", () => {
    const observerChanges = guarded().filter(
      (r) => !["GET", "HEAD"].includes(r.method) && allows("observer", undefined, r.permission),
    );
    expect(observerChanges.map(name).sort()).toEqual([
      "DELETE /api/v1/session",
      "DELETE /api/v1/tokens/{id}",
      "PATCH /api/v1/users/me",
      "POST /api/v1/tokens",
    ]);
  });

  it("lets an ingest token send events and nothing else: 403 on suppressions, triage and every GET", async () => {
    for (const ingest of callers.filter((c) => c.scope === "ingest")) {
      const reads = guarded().filter((r) => r.method === "GET");
      expect(reads.length).toBeGreaterThan(50);
      for (const r of reads)
        expect((await call(r, ingest.headers)).statusCode, `${ingest.label} ${name(r)}`).toBe(403);
      const suppression = await app.inject({
        method: "POST",
        url: "/api/v1/suppressions",
        headers: ingest.headers,
        payload: { reason: "silence everything", match: {} },
      });
      expect(suppression.statusCode, suppression.body).toBe(403);
      expect(suppression.headers["content-type"]).toMatch(/^application\/problem\+json/);
      const events = await app.inject({
        method: "POST",
        url: "/api/v1/events",
        headers: { ...ingest.headers, "content-type": "application/json" },
        payload: JSON.stringify([{ message: "hello", host: { name: "fs01" } }]),
      });
      expect(events.statusCode, events.body).toBeLessThan(300);
      const sendable = guarded()
        .filter((r) => allows(ingest.role, "ingest", r.permission))
        .map(name);
      expect(sendable).toEqual(["POST /api/v1/events"]);
    }
    expect((await app.inject({ method: "GET", url: "/api/v1/suppressions" })).statusCode).toBe(401);
  }, 120_000);
});
