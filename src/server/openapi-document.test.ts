import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { userWithToken } from "../../test/support/identity.js";
import { testRuntime } from "../../test/support/runtime.js";
import { EXAMPLE_KEY } from "../contract/receivers.examples.js";
import type { Runtime } from "../runtime.js";
import { type App, buildApp } from "./app.js";
import { operationIdFor } from "./openapi-document.js";

/**
 * The SERVED document (what `npm run lint:openapi` lints) checked for what tools need: an id,
 * a tag and a summary on every operation, security on every one (none on public routes, an
 * integration key on the receivers), problem+json answers for 401/403 wherever a credential is
 * needed, valid path templates, and receiver examples that the receivers really accept. A route
 * registered after the app is built is in it too, so a route added tomorrow is checked here.
 */

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: { in: string; name: string }[];
  security?: Record<string, string[]>[];
  responses: Record<string, { $ref?: string; content?: Record<string, unknown> }>;
  requestBody?: { content: Record<string, { example?: unknown }> };
  "x-permission"?: string;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, unknown>;
    responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>;
    securitySchemes: Record<string, unknown>;
  };
}

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];
const METHODS = new Set(["get", "put", "post", "delete", "patch"]);
const RECEIVERS = [
  "/api/v1/integrations/alertmanager",
  "/api/v1/integrations/grafana",
  "/api/v1/integrations/webhook/{integrationId}",
];

describe("the served OpenAPI document", () => {
  let rt: Runtime;
  let app: App;
  let doc: Doc;
  let operations: { method: string; path: string; op: Operation }[];
  let admin: { authorization: string };

  beforeAll(async () => {
    rt = await testRuntime(sqlite);
    app = await buildApp(rt, { logger: false });
    // Registered after buildApp, like a route someone adds tomorrow without thinking of OpenAPI.
    app.post(
      "/api/v1/zz-later/:thing",
      { config: { permission: "incidents:write" }, schema: { tags: ["test"] } },
      async () => ({}),
    );
    await app.ready();
    const res = await app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(res.statusCode).toBe(200);
    doc = res.json();
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.has(method))
        .map(([method, op]) => ({ method, path, op })),
    );
    admin = (await userWithToken(rt, "admin")).headers;
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  const name = (o: { method: string; path: string }) => `${o.method.toUpperCase()} ${o.path}`;

  it("gives every operation a unique, readable operationId, a tag and a summary", () => {
    expect(operations.length).toBeGreaterThan(100);
    const ids = operations.map((o) => o.op.operationId);
    for (const [i, o] of operations.entries()) {
      expect(o.op.operationId, name(o)).toMatch(/^[a-z]+[A-Z][A-Za-z0-9]*$/);
      expect(o.op.tags?.length, name(o)).toBeGreaterThan(0);
      expect(o.op.summary, name(o)).toBeTruthy();
      expect(ids.indexOf(o.op.operationId), `${name(o)} shares its id`).toBe(i);
    }
    expect(operationIdFor("get", "/api/v1/incidents/{id}/timeline")).toBe(
      "getIncidentsByIdTimeline",
    );
    expect(operationIdFor("get", "/api/v1/metrics/chart.svg")).toBe("getMetricsChartSvg");
  });

  it("writes every path as a valid template whose parameters are declared", () => {
    expect(doc.paths["/api/v1/ack/{token}"]).toBeDefined();
    for (const o of operations) {
      expect(o.path, name(o)).not.toMatch(/\*/);
      const templated = [...o.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = (o.op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
      expect(declared.sort(), name(o)).toEqual(templated.sort());
    }
  });

  it("secures every operation by its permission, with 401 and 403 as problem+json", () => {
    const schemes = Object.keys(doc.components.securitySchemes);
    const later = operations.find((o) => o.path === "/api/v1/zz-later/{thing}");
    expect(later?.op.operationId).toBe("postZzLaterByThing");
    for (const o of operations) {
      const security = o.op.security;
      expect(security, `${name(o)} declares no security`).toBeDefined();
      for (const requirement of security ?? [])
        for (const scheme of Object.keys(requirement)) expect(schemes).toContain(scheme);
      if (o.op["x-permission"] === "public") {
        if (RECEIVERS.includes(o.path)) {
          expect(security, name(o)).toContainEqual({ integrationKey: [] });
          expect(o.op.responses["401"]?.$ref).toBe("#/components/responses/Unauthenticated");
        } else expect(security, name(o)).toEqual([]);
        continue;
      }
      expect(o.op["x-permission"], name(o)).toBeTruthy();
      expect(security, name(o)).toContainEqual({ bearerToken: [] });
      expect(o.op.responses["401"]?.$ref, name(o)).toBe("#/components/responses/Unauthenticated");
      expect(o.op.responses["403"]?.$ref, name(o)).toBe("#/components/responses/Forbidden");
      // A session cookie alone may read; a change needs the CSRF header with it.
      const session =
        o.method === "get" ? { sessionCookie: [] } : { sessionCookie: [], csrfToken: [] };
      expect(security, name(o)).toContainEqual(session);
    }
  });

  it("answers every documented problem with the one Problem schema", () => {
    expect(doc.components.schemas.Problem).toMatchObject({
      required: ["type", "title", "status", "detail", "instance"],
    });
    for (const response of Object.values(doc.components.responses))
      expect(response.content["application/problem+json"]?.schema).toEqual({
        $ref: "#/components/schemas/Problem",
      });
    for (const o of operations)
      for (const [status, response] of Object.entries(o.op.responses))
        if (response.$ref) {
          expect(status, name(o)).toMatch(/^4\d\d$/);
          const component = response.$ref.replace("#/components/responses/", "");
          expect(doc.components.responses[component], `${name(o)} ${status}`).toBeDefined();
        }
    const changes = operations.filter((o) => o.op.parameters?.some((p) => p.name === "if-match"));
    expect(changes.length).toBeGreaterThan(10);
    for (const o of changes) expect(o.op.responses["412"], name(o)).toBeDefined();
    expect(doc.paths["/api/v1/events"]?.post?.responses["429"]).toBeDefined();
  });

  it("documents receiver examples that the receivers accept", async () => {
    const example = (path: string) => {
      const body = doc.paths[path]?.post?.requestBody?.content["application/json"]?.example;
      expect(body, path).toBeDefined();
      return body as Record<string, unknown>;
    };
    const keyOf = async (kind: string) => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/integrations",
        headers: admin,
        payload: { kind, name: `${kind} example` },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().key as string;
    };

    const pd = example("/api/v1/integrations/pagerduty/v2/enqueue");
    expect(pd.routing_key).toBe(EXAMPLE_KEY);
    const sent = await app.inject({
      method: "POST",
      url: "/api/v1/integrations/pagerduty/v2/enqueue",
      payload: { ...pd, routing_key: await keyOf("pagerduty") },
    });
    expect(sent.statusCode, sent.body).toBe(202);

    const am = await app.inject({
      method: "POST",
      url: "/api/v1/integrations/alertmanager",
      headers: { authorization: `Bearer ${await keyOf("alertmanager")}` },
      payload: example("/api/v1/integrations/alertmanager"),
    });
    expect(am.statusCode, am.body).toBe(200);
    expect(am.json().alerts[0]).toMatchObject({
      fingerprint: "c6a4e1b2f0d3a9e8",
      action: "opened",
    });

    const grafana = await app.inject({
      method: "POST",
      url: "/api/v1/integrations/grafana",
      headers: { authorization: `Bearer ${await keyOf("grafana")}` },
      payload: example("/api/v1/integrations/grafana"),
    });
    expect(grafana.statusCode, grafana.body).toBe(200);
    expect(grafana.json().alerts[0]).toMatchObject({
      fingerprint: "c6eadffa33fcdf37",
      action: "opened",
    });
  });
});

describe("401 answers", () => {
  let rt: Runtime;
  let app: App;
  beforeAll(async () => {
    rt = await testRuntime(sqlite);
    app = await buildApp(rt, { logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  it("carry WWW-Authenticate: a Bearer challenge, invalid_token when a token was refused", async () => {
    const cases: [string, Record<string, string>, string][] = [
      ["no credentials", {}, 'Bearer realm="firebreak"'],
      ["an ended session", { cookie: "firebreak_session=gone" }, 'Bearer realm="firebreak"'],
      [
        "a refused token",
        { authorization: "Bearer fbk_not-a-token" },
        'Bearer realm="firebreak", error="invalid_token"',
      ],
    ];
    for (const [what, headers, challenge] of cases) {
      const res = await app.inject({ method: "GET", url: "/api/v1/incidents", headers });
      expect(res.statusCode, what).toBe(401);
      expect(res.headers["content-type"], what).toMatch(/^application\/problem\+json/);
      expect(res.headers["www-authenticate"], what).toBe(challenge);
    }

    const receiver = await app.inject({
      method: "POST",
      url: "/api/v1/integrations/alertmanager",
      headers: { authorization: "Bearer wrong-key" },
      payload: { version: "4", groupKey: "g", status: "firing", receiver: "r", alerts: [] },
    });
    expect(receiver.statusCode).toBe(401);
    expect(receiver.headers["www-authenticate"]).toMatch(/^Bearer realm="firebreak"/);
  });

  it("are the only answers that carry it", async () => {
    const ok = await app.inject({ method: "GET", url: "/healthz" });
    expect(ok.headers["www-authenticate"]).toBeUndefined();
    const missing = await app.inject({ method: "GET", url: "/api/v1/nowhere" });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["www-authenticate"]).toBeUndefined();
  });
});
