import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import {
  minimalPlan,
  minimalProcedure,
  toYaml,
  writeLibrary,
} from "../../../test/support/documents.js";
import { userWithToken } from "../../../test/support/identity.js";
import { testRuntime } from "../../../test/support/runtime.js";
import type { Runtime } from "../../runtime.js";
import { type App, buildApp } from "../app.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

describe("the audit log over HTTP", () => {
  let rt: Runtime;
  let app: App;
  beforeEach(async () => {
    rt = await testRuntime(sqlite, { library: [writeLibrary(minimalPlan(), minimalProcedure())] });
    app = await buildApp(rt, { logger: false });
  });
  afterEach(async () => {
    await app.close();
    await rt.close();
  });

  it("records document uploads, integrations and refusals, newest first, page by page", async () => {
    const admin = (await userWithToken(rt, "admin")).headers;
    const observer = (await userWithToken(rt, "observer")).headers;
    const upload = await app.inject({
      method: "POST",
      url: "/api/v1/documents",
      headers: { ...admin, "content-type": "application/yaml" },
      payload: toYaml(minimalPlan({ mission: "Respond, and keep a record." })),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const integration = await app.inject({
      method: "POST",
      url: "/api/v1/integrations",
      headers: admin,
      payload: { kind: "alertmanager", name: "prod alerts" },
    });
    expect(integration.statusCode, integration.body).toBe(201);
    const key = integration.json().key as string;
    const denied = await app.inject({ method: "GET", url: "/api/v1/audit", headers: observer });
    expect(denied.statusCode).toBe(403);

    const page1 = await app.inject({ method: "GET", url: "/api/v1/audit?limit=2", headers: admin });
    const first = page1.json();
    expect(first.items.map((e: { action: string }) => e.action)).toEqual([
      "access.denied",
      "integration.created",
    ]);
    expect(first.items[0]).toMatchObject({ outcome: "denied", target: "GET /api/v1/audit" });
    const page2 = await app.inject({
      method: "GET",
      url: `/api/v1/audit?limit=2&cursor=${first.next_cursor}`,
      headers: admin,
    });
    expect(page2.json().items[0].action).toBe("document.uploaded");
    expect(page2.json().items[0].target).toContain("plan/test-plan@v2");
    const all = await app.inject({
      method: "GET",
      url: "/api/v1/audit?limit=1000",
      headers: admin,
    });
    expect(all.body).not.toContain(key);
    const created = await app.inject({
      method: "GET",
      url: "/api/v1/audit?action=token.created",
      headers: admin,
    });
    expect(created.json().items).toHaveLength(2);
  });
});
