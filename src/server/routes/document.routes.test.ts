import { describe, expect, it } from "vitest";
import { appPerFile } from "../../../test/support/app.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import {
  minimalPlan,
  minimalProcedure,
  procedureStep,
  toYaml,
  writeLibrary,
} from "../../../test/support/documents.js";
import { injectedApi } from "../../cli/api.js";
import { documents } from "../../contract/documents.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

describe("document routes", () => {
  const served = appPerFile(sqlite, {
    library: [writeLibrary(minimalPlan(), minimalProcedure())],
    auth: "trust-local",
  });

  /** Uploads a YAML document body as `type`. */
  const upload = (yaml: string, type = "application/yaml") =>
    served.app.inject({
      method: "POST",
      url: "/api/v1/documents",
      headers: { "content-type": type },
      payload: yaml,
    });
  const post = (url: string, payload: object) =>
    served.app.inject({ method: "POST", url, payload });

  it("answers health and readiness", async () => {
    expect((await served.app.inject("/healthz")).json()).toEqual({ status: "ok" });
    const ready = await served.app.inject("/readyz");
    expect(ready.statusCode).toBe(200);
    expect(ready.headers["x-request-id"]).toBeTruthy();
  });

  it("serves the current plan and its versions", async () => {
    const plan = await served.app.inject("/api/v1/plans/current");
    expect(plan.statusCode).toBe(200);
    expect(plan.json().body.severity_scale.map((s: { id: string }) => s.id)).toEqual([
      "low",
      "high",
    ]);
    const versions = await served.app.inject("/api/v1/plans/test-plan/versions");
    expect(versions.json()).toMatchObject({ items: [{ version: 1 }], next_cursor: null });
  });

  it("lists procedures and serves one", async () => {
    expect(
      (await served.app.inject("/api/v1/procedures")).json().items.map((p: { id: string }) => p.id),
    ).toEqual(["malware"]);
    const proc = await served.app.inject("/api/v1/procedures/malware");
    expect(proc.json().body.steps.containment[0].id).toBe("isolate");
    const missing = await served.app.inject("/api/v1/procedures/nope");
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(missing.json()).toMatchObject({ type: "/problems/not_found", status: 404 });
  });

  it("accepts a YAML upload as a new version, a draft until approved", async () => {
    const res = await upload(toYaml(minimalProcedure({ version: "2", title: "Malware v2" })));
    expect(res.statusCode).toBe(201);
    expect(res.json().stored).toEqual([
      expect.objectContaining({ kind: "procedure", id: "malware", version: 2 }),
    ]);
    expect(res.json().in_force).toBe(false);
    // The draft is readable by its version; what is in force is still v1.
    expect((await served.app.inject("/api/v1/procedures/malware?version=2")).json().title).toBe(
      "Malware v2",
    );
    expect((await served.app.inject("/api/v1/procedures/malware")).json().version).toBe(1);
    expect((await served.app.inject("/api/v1/procedures/malware?version=1")).json().title).toBe(
      "Malware",
    );
    const versions = (await served.app.inject("/api/v1/procedures/malware/versions")).json();
    expect(
      versions.items.map((v: { version: number; in_force: boolean }) => [v.version, v.in_force]),
    ).toEqual([
      [2, false],
      [1, true],
    ]);
    expect((await served.app.inject("/api/v1/procedures/nope/versions")).statusCode).toBe(404);
  });

  it("rejects an invalid upload with 422, line and column, and stores nothing", async () => {
    const proc = minimalProcedure({ version: "3" });
    (proc.steps as Record<string, unknown[]>).containment = [procedureStep("isolate", "janitor")];
    const res = await upload(toYaml(proc), "text/yaml");
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      type: "/problems/invalid_document",
      errors: [
        {
          line: expect.any(Number),
          column: expect.any(Number),
          message: expect.stringMatching(/janitor/),
        },
      ],
    });
    const syntax = await upload("kind: procedure\nid: [x\n", "text/yaml");
    expect(syntax.statusCode).toBe(422);
    expect(
      (await served.app.inject("/api/v1/procedures/malware/versions")).json().items,
    ).toHaveLength(2);
  });

  it("puts the draft in force through submission and sign-off, and retires nothing the plan needs", async () => {
    const base = "/api/v1/documents/procedure/malware";
    const before = (await served.app.inject(`${base}/status`)).json();
    expect(before).toMatchObject({
      current: { version: 1, in_force: true },
      pending: { version: 2, state: "draft", in_force: false },
    });
    const submitted = await post(`${base}/submissions`, {});
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(submitted.json()).toMatchObject({ version: 2, state: "in_review" });
    // The test plan names no approvers: an admin (the local operator) approves.
    const signed = await post(`${base}/signoffs`, {
      decision: "approve",
      hash: submitted.json().hash,
    });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json()).toMatchObject({ version: 2, state: "approved", in_force: true });
    expect((await served.app.inject("/api/v1/procedures/malware")).json().title).toBe("Malware v2");
    // The plan's malware type needs it: retiring it is refused, naming the lint error.
    const retire = await post(`${base}/retirement`, { reason: "unused" });
    expect(retire.statusCode).toBe(422);
    expect(retire.json().type).toBe("/problems/invalid_document");
    const plan = await post("/api/v1/documents/plan/test-plan/retirement", { reason: "no" });
    expect(plan.statusCode).toBe(409);
    expect((await served.app.inject("/api/v1/documents/nonsense/x/status")).statusCode).toBe(400);
  });

  it("takes an upload from the typed client as YAML, the media type the contract names", async () => {
    const client = injectedApi(served.app);
    const answer = await client.call(documents.upload, {
      body: toYaml(minimalProcedure({ version: "3", title: "Malware v3" })),
    });
    expect(answer.stored).toEqual([expect.objectContaining({ id: "malware", version: 3 })]);
  });

  it("refuses a 20 MB upload and a wrong content type", async () => {
    const big = await upload("a".repeat(20 * 1024 * 1024));
    expect(big.statusCode).toBe(413);
    expect(big.json().type).toBe("/problems/payload_too_large");
    const json = await post("/api/v1/documents", { kind: "plan" });
    expect(json.statusCode).toBe(415);
  });

  it("lints a posted text as an upload would, at its line and column, storing nothing", async () => {
    const lint = (yaml: string) =>
      served.app.inject({
        method: "POST",
        url: "/api/v1/documents/lint",
        headers: { "content-type": "application/yaml" },
        payload: yaml,
      });
    const versionsOf = async () =>
      (await served.app.inject("/api/v1/procedures/malware/versions")).json().items.length;
    const before = await versionsOf();

    // A role the plan does not define: a cross-document error, at the role's value.
    const proc = minimalProcedure({ version: "9" });
    (proc.steps as Record<string, unknown[]>).containment = [procedureStep("isolate", "janitor")];
    const text = toYaml(proc);
    const lines = text.split("\n");
    const line = lines.findIndex((l) => l.includes("janitor")) + 1;
    const bad = await lint(text);
    expect(bad.statusCode, bad.body).toBe(200);
    expect(bad.json().errors).toBeGreaterThan(0);
    expect(bad.json().findings).toContainEqual(
      expect.objectContaining({
        level: "error",
        file: "upload",
        line,
        column: (lines[line - 1] ?? "").indexOf("janitor") + 1,
        message: expect.stringMatching(/janitor/),
      }),
    );

    // A YAML syntax error: reported, with its place, as a report rather than a 422.
    const syntax = await lint("kind: procedure\nid: [x\n");
    expect(syntax.statusCode).toBe(200);
    expect(syntax.json()).toMatchObject({
      errors: 1,
      findings: [{ level: "error", file: "upload", line: expect.any(Number) }],
    });
    expect((await lint("# nothing\n")).json()).toMatchObject({
      errors: 1,
      findings: [{ message: "no document found" }],
    });

    // A valid text: no errors, and still nothing stored.
    const good = await lint(toYaml(minimalProcedure({ version: "9", title: "Malware v9" })));
    expect(good.json()).toMatchObject({ errors: 0 });
    expect(await versionsOf()).toBe(before);
    expect((await lint("a".repeat(3 * 1024 * 1024))).statusCode).toBe(413);
    expect((await post("/api/v1/documents/lint", { kind: "plan" })).statusCode).toBe(415);
  });

  it("lints what is in force", async () => {
    expect((await served.app.inject("/api/v1/lint")).json()).toMatchObject({ errors: 0 });
  });

  it("describes itself in OpenAPI", async () => {
    const spec = (await served.app.inject("/api/v1/openapi.json")).json();
    expect(spec.openapi).toBe("3.1.0");
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(["/api/v1/plans/current", "/api/v1/documents", "/api/v1/lint"]),
    );
  });

  it("answers unknown routes with problem+json", async () => {
    const res = await served.app.inject("/api/v1/nothing-here");
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/problem\+json/);
  });
});
