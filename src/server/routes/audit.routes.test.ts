import { describe, expect, it } from "vitest";
import { appPerTest } from "../../../test/support/app.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import {
  minimalPlan,
  minimalProcedure,
  toYaml,
  writeLibrary,
} from "../../../test/support/documents.js";
import { userWithToken } from "../../../test/support/identity.js";
import { testRuntime } from "../../../test/support/runtime.js";
import { buildApp } from "../app.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

describe("the audit log over HTTP", () => {
  const served = appPerTest(sqlite, { library: [writeLibrary(minimalPlan(), minimalProcedure())] });

  it("records document uploads, integrations and refusals, newest first, page by page", async () => {
    const admin = (await userWithToken(served.rt, "admin")).headers;
    const observer = (await userWithToken(served.rt, "observer")).headers;
    /** Reads the audit log (`GET /api/v1/audit?query`) as whoever `headers` sign in. */
    const audit = (query: string, headers = admin) =>
      served.app.inject({ method: "GET", url: `/api/v1/audit${query}`, headers });
    const upload = await served.app.inject({
      method: "POST",
      url: "/api/v1/documents",
      headers: { ...admin, "content-type": "application/yaml" },
      payload: toYaml(minimalPlan({ mission: "Respond, and keep a record." })),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const integration = await served.app.inject({
      method: "POST",
      url: "/api/v1/integrations",
      headers: admin,
      payload: { kind: "alertmanager", name: "prod alerts" },
    });
    expect(integration.statusCode, integration.body).toBe(201);
    const key = integration.json().key as string;
    const denied = await audit("", observer);
    expect(denied.statusCode).toBe(403);

    const page1 = await audit("?limit=2");
    const first = page1.json();
    expect(first.items.map((e: { action: string }) => e.action)).toEqual([
      "access.denied",
      "integration.created",
    ]);
    expect(first.items[0]).toMatchObject({ outcome: "denied", target: "GET /api/v1/audit" });
    const page2 = await audit(`?limit=2&cursor=${first.next_cursor}`);
    expect(page2.json().items[0].action).toBe("document.uploaded");
    expect(page2.json().items[0].target).toContain("plan/test-plan@v2");
    const all = await audit("?limit=1000");
    expect(all.body).not.toContain(key);
    const created = await audit("?action=token.created");
    expect(created.json().items).toHaveLength(2);
  });
});

describe("the audit head over HTTP", () => {
  it("answers the head, verifies against it, refuses a malformed one, and anchors an ended incident", async () => {
    const rt = await testRuntime(sqlite);
    const app = await buildApp(rt, { logger: false });
    try {
      const admin = (await userWithToken(rt, "admin")).headers;
      const call = (method: "GET" | "POST", url: string, payload?: object) =>
        app.inject({ method, url: `/api/v1${url}`, headers: admin, payload });
      const declared = await call("POST", "/incidents", { type: "phishing", title: "Lure" });
      expect(declared.statusCode, declared.body).toBe(201);
      const id = declared.json().human_id as string;
      const declined = await call("POST", `/incidents/${id}/decline`, { reason: "a newsletter" });
      expect(declined.statusCode, declined.body).toBe(200);

      const head = (await call("GET", "/audit/head")).json();
      const [entry] = (await call("GET", "/audit?action=incident.declined")).json().items;
      expect(head).toEqual({ hash: entry.hash, entries: entry.seq });
      const timeline = (await call("GET", `/incidents/${id}/timeline`)).json().items;
      expect(entry).toMatchObject({
        target: id,
        incident_entries: timeline.at(-1).seq,
        incident_head: timeline.at(-1).hash,
      });
      expect((await call("GET", `/audit/verify?head=${head.hash}`)).json()).toEqual({
        intact: true,
        entries: head.entries,
        head: { hash: head.hash, seq: head.entries },
      });
      const unknown = (await call("GET", `/audit/verify?head=${"0".repeat(64)}`)).json();
      expect(unknown).toMatchObject({ intact: false, head: { seq: null } });
      const malformed = await call("GET", "/audit/verify?head=abc");
      expect(malformed.statusCode).toBe(400);
      expect(malformed.headers["content-type"]).toContain("application/problem+json");
      const observer = (await userWithToken(rt, "observer")).headers;
      expect(
        (await app.inject({ method: "GET", url: "/api/v1/audit/head", headers: observer }))
          .statusCode,
      ).toBe(403);
    } finally {
      await app.close();
      await rt.close();
    }
  });
});
