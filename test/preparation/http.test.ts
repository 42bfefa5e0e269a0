import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { TEST_DIALECTS, type TestDialect } from "../support/databases.js";
import { testRuntime } from "../support/runtime.js";

/** The preparation API as clients (the web interface, the CLI) see it, over SQLite. */
describe("the preparation API", () => {
  let rt: Runtime;
  let app: App;
  beforeAll(async () => {
    rt = await testRuntime(TEST_DIALECTS[0] as TestDialect);
    app = await buildApp(rt, { logger: false, auth: "trust-local" });
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  const post = (url: string, payload: unknown) =>
    app.inject({ method: "POST", url: `/api/v1${url}`, payload: payload as object });
  const get = (url: string) => app.inject(`/api/v1${url}`);
  const problem = (res: Awaited<ReturnType<typeof get>>, status: number, type: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: `/problems/${type}` });
  };

  it("serves the readiness score, its breakdown and history, and the log sources", async () => {
    const r = await get("/readiness");
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.score).toBeGreaterThanOrEqual(0);
    expect(body.components.map((c: { id: string }) => c.id)).toEqual([
      "lint",
      "preparation",
      "contacts",
      "deputies",
      "exercises",
      "detection_coverage",
      "plan_approval",
      "channels",
    ]);
    problem(await get("/readiness?exercised_within=yearly"), 400, "invalid_input");
    expect((await get("/readiness/history")).json()).toMatchObject({ items: [] });
    expect((await get("/readiness/log-sources")).json()).toMatchObject({ seen: 0 });
    const spec = (await app.inject("/api/v1/openapi.json")).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(["/api/v1/readiness", "/api/v1/exercises/{id}/runs", "/api/v1/kit"]),
    );
  });

  it("lists activities and records completions with evidence", async () => {
    const list = (await get("/preparation")).json();
    expect(list.items.map((a: { id: string }) => a.id)).toContain("backup-restore-test");
    problem(await get("/preparation/nope"), 404, "not_found");
    problem(
      await post("/preparation/backup-restore-test/completions", { evidence: [] }),
      400,
      "invalid_input",
    );
    problem(
      await post("/preparation/backup-restore-test/completions", {
        evidence: ["x"],
        completed_at: "2999-01-01",
      }),
      400,
      "invalid_input",
    );
    const done = await post("/preparation/backup-restore-test/completions", {
      evidence: ["restore log RST-118", "3 h 10 min against a 4 h RTO"],
      notes: "payments ledger",
    });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({
      completion: { activity_id: "backup-restore-test", outcome: "done" },
      activity: { state: "ok", history: [{ notes: "payments ledger" }] },
    });
    expect((await get("/preparation/completions")).json().items).toHaveLength(1);
  });

  it("submits, signs off and diffs plan versions", async () => {
    expect((await get("/plans/current/status")).json()).toMatchObject({
      current: { state: "draft" },
    });
    expect((await post("/plans/current/submissions", { note: "first approval" })).statusCode).toBe(
      201,
    );
    const signed = await post("/plans/current/signoffs", { as: "margaret-osei" });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json()).toMatchObject({
      state: "in_review",
      missing: ["william-harper", "robert-chen"],
    });
    problem(await post("/plans/current/signoffs", { as: "margaret-osei" }), 409, "conflict");
    // The built-in plan is an example: an admin deciding in their own name (here the local
    // operator) completes the round alone (docs/adr/0003-example-plan-bootstrap.md).
    const own = await post("/plans/current/signoffs", { decision: "approve" });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ state: "approved" });
    const diff = (await get("/plans/default/diff?from=1&to=current")).json();
    expect(diff).toMatchObject({ identical: true, summary: [] });
    problem(await get("/plans/default/diff?from=9&to=current"), 404, "not_found");
  });

  it("serves role cards and the offline kit as JSON, HTML and PDF", async () => {
    const index = (await get("/role-cards")).json();
    expect(index.items).toHaveLength(14);
    const card = (await get("/role-cards/priya-natarajan")).json();
    expect(card.roles.map((r: { id: string }) => r.id)).toEqual([
      "deputy-commander",
      "security-analyst",
    ]);
    expect(card.on_call[0]).toMatchObject({ role: "security-analyst" });
    expect(card.steps.length).toBeGreaterThan(10);
    problem(await get("/role-cards/nobody"), 404, "not_found");
    const html = await get("/role-cards/priya-natarajan/card");
    expect(html.headers["content-type"]).toMatch(/^text\/html/);
    expect(html.body).toContain("Content-Security-Policy");
    expect(html.body).toContain("Priya Natarajan");
    const pdf = await get("/role-cards/priya-natarajan/card?format=pdf");
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe("%PDF");

    const kit = await get("/kit");
    expect(kit.headers["content-disposition"]).toMatch(/firebreak-kit-.*\.html/);
    for (const p of await rt.documents.current("procedure")) expect(kit.body).toContain(p.title);
    expect(kit.body).not.toMatch(/<script|<link|src=|https?:\/\/[^"]*\.(css|js|png|woff)/);
    expect((await get("/kit?format=pdf")).rawPayload.subarray(0, 4).toString()).toBe("%PDF");
  });

  it("runs an exercise: start, answer, finish, report", async () => {
    expect((await get("/exercises")).json().items).toHaveLength(3);
    problem(await post("/exercises/ransomware-phishing/runs", { speed: 0 }), 400, "invalid_input");
    problem(await post("/exercises/nope/runs", { speed: 60 }), 404, "not_found");
    const started = await post("/exercises/ransomware-phishing/runs", { speed: 60 });
    expect(started.statusCode, started.body).toBe(201);
    const run = started.json();
    expect(run.injects).toHaveLength(10);
    expect(run.injects[0].question).toBeNull();
    problem(
      await post(`/exercise-runs/${run.human_id}/answers`, {
        inject: "isolate-decision",
        choice: "isolate",
      }),
      409,
      "conflict",
    );
    expect((await get("/exercise-runs")).json().items[0].id).toBe(run.id);
    const finished = await post(`/exercise-runs/${run.human_id}/finish`, { reason: "called off" });
    expect(finished.statusCode, finished.body).toBe(200);
    expect(finished.json()).toMatchObject({ status: "finished", score: { score: 0 } });
    const md = await get(`/exercise-runs/${run.human_id}/report?format=md`);
    expect(md.headers["content-type"]).toMatch(/^text\/markdown/);
    expect(md.body).toContain("Exercise after-action report");
    expect(md.body).toContain("no incident declared");
    const html = await get(`/exercise-runs/${run.id}/report`);
    expect(html.body).toContain("EXERCISE");
    const json = (await get(`/exercise-runs/${run.id}/report?format=pdf&as_json=true`)).json();
    expect(Buffer.from(json.content_base64, "base64").subarray(0, 4).toString()).toBe("%PDF");
  });
});
