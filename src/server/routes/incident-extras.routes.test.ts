import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import {
  declareRansomware,
  incidentState,
  kindsAfter,
} from "../../../test/support/response-helpers.js";
import { testRuntime } from "../../../test/support/runtime.js";
import type { Incident } from "../../response/incident.types.js";
import { verifyTimeline } from "../../response/timeline.service.js";
import type { Runtime } from "../../runtime.js";
import { type App, buildApp } from "../app.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];
const DIGEST = "2C26B46B68FFC68FF99B453C1D30413413422D706483BFA0F98A5E886266E7AE";

describe("evidence, indicator, asset, role and problem routes", () => {
  let rt: Runtime;
  let app: App;
  let incident: Incident;
  let seq: number;
  beforeAll(async () => {
    rt = await testRuntime(sqlite);
    app = await buildApp(rt, { logger: false, auth: "trust-local" });
    incident = await declareRansomware(rt);
    seq = (await rt.incidents.timeline(incident.id)).length;
  });
  afterAll(async () => {
    await app.close();
    await rt.close();
  });

  const base = () => `/api/v1/incidents/${incident.human_id}`;
  const send = (
    method: "POST" | "PUT",
    url: string,
    payload: unknown,
    headers: Record<string, string> = {},
  ) => app.inject({ method, url, payload: payload as object, headers });
  const get = (url: string) => app.inject(url);

  /** A refusal: problem+json with the given status and type, and the incident untouched. */
  async function expectRefused(
    request: () => ReturnType<typeof send>,
    status: number,
    type: string,
  ): Promise<Record<string, unknown>> {
    const before = await incidentState(rt, incident.id);
    const res = await request();
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem).toMatchObject({ type: `/problems/${type}`, status });
    expect(await incidentState(rt, incident.id)).toEqual(before);
    return problem;
  }

  it("records evidence and its chain of custody; refuses a malformed SHA-256", async () => {
    const created = await send("POST", `${base()}/evidence`, {
      name: "Ransom note",
      sha256: DIGEST,
      size: 1234,
      location: "s3://ir-evidence/INC/ransom-note.txt",
      acquired_by: "tomas-lindqvist",
    });
    expect(created.statusCode, created.body).toBe(201);
    const evidence = created.json();
    expect(evidence).toMatchObject({
      sha256: DIGEST.toLowerCase(),
      custodian: "tomas-lindqvist",
      custody: [],
    });

    const bad = await expectRefused(
      () =>
        send("POST", `${base()}/evidence`, {
          ...evidence,
          id: undefined,
          incident_id: undefined,
          created_at: undefined,
          custodian: undefined,
          custody: undefined,
          sha256: "not-a-digest",
        }),
      400,
      "invalid_input",
    );
    expect(bad.detail).toMatch(/sha256 must be 64 hexadecimal characters/);
    expect(bad.errors).toEqual([{ message: "not a SHA-256 digest", path: "sha256" }]);
    await expectRefused(
      () =>
        send("POST", `${base()}/evidence`, {
          name: "x",
          sha256: DIGEST,
          size: -5,
          location: "l",
          acquired_by: "a",
        }),
      400,
      "invalid_input",
    );

    const moved = await send("POST", `${base()}/evidence/${evidence.id}/transfers`, {
      to: "amara-okafor",
      reason: "lab analysis",
    });
    expect(moved.statusCode, moved.body).toBe(201);
    expect(moved.json().custody).toMatchObject([
      { from_custodian: "tomas-lindqvist", to_custodian: "amara-okafor" },
    ]);
    await expectRefused(
      () =>
        send("POST", `${base()}/evidence/${evidence.id}/transfers`, {
          to: "amara-okafor",
          reason: "again",
        }),
      400,
      "invalid_input",
    );
    await expectRefused(
      () => send("POST", `${base()}/evidence/nope/transfers`, { to: "x", reason: "y" }),
      404,
      "not_found",
    );

    const list = (await get(`${base()}/evidence`)).json();
    expect(list).toMatchObject({
      items: [{ id: evidence.id, custodian: "amara-okafor" }],
      next_cursor: null,
    });
    expect((await get(`${base()}/evidence/${evidence.id}`)).json().custody).toHaveLength(1);
  });

  it("adds indicators once, refuses a bad IP, and finds them across incidents", async () => {
    const first = await send("POST", `${base()}/indicators`, {
      type: "ip",
      value: "198.51.100[.]23",
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ value: "198.51.100.23", created: true });
    const again = await send("POST", `${base()}/indicators`, {
      type: "ip",
      value: "198.51.100.23",
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, created: false });

    const bad = await expectRefused(
      () => send("POST", `${base()}/indicators`, { type: "ip", value: "300.1.2.3" }),
      400,
      "invalid_input",
    );
    expect(bad.detail).toBe("'300.1.2.3' is not an IPv4 or IPv6 address");
    await expectRefused(
      () => send("POST", `${base()}/indicators`, { type: "colour", value: "red" }),
      400,
      "invalid_input",
    );
    const batch = await expectRefused(
      () =>
        send("POST", `${base()}/indicators/batch`, {
          items: [
            { type: "domain", value: "evil.example" },
            { type: "sha1", value: "xyz" },
          ],
        }),
      400,
      "invalid_input",
    );
    expect(batch.errors).toEqual([expect.objectContaining({ path: "items[1].value" })]);

    const added = await send("POST", `${base()}/indicators/batch`, {
      items: [
        { type: "domain", value: "evil[.]example" },
        { type: "ip", value: "198.51.100.23" },
      ],
    });
    expect(added.json().items.map((i: { created: boolean }) => i.created)).toEqual([true, false]);
    expect((await get(`${base()}/indicators`)).json().items).toHaveLength(2);

    const other = await declareRansomware(rt, "Another one");
    await send("POST", `/api/v1/incidents/${other.id}/indicators`, {
      type: "domain",
      value: "EVIL.example",
    });
    const seen = (await get("/api/v1/indicators?value=evil%5B.%5Dexample")).json();
    expect(
      seen.items.map((s: { incident: { human_id: string } }) => s.incident.human_id).sort(),
    ).toEqual([incident.human_id, other.human_id].sort());
    expect((await get("/api/v1/indicators?value=evil.example&type=ip")).statusCode).toBe(400);
  });

  it("upserts assets by name; refuses an unknown status", async () => {
    const res = await send("PUT", `${base()}/assets`, {
      assets: [{ name: "FS01", kind: "server", status: "compromised" }],
    });
    expect(res.statusCode, res.body).toBe(200);
    await send("PUT", `${base()}/assets`, {
      assets: [{ name: "fs01", status: "contained", note: "EDR isolation" }],
    });
    expect((await get(`${base()}/assets`)).json().items).toMatchObject([
      { name: "FS01", status: "contained", kind: "server" },
    ]);
    await expectRefused(
      () => send("PUT", `${base()}/assets`, { assets: [{ name: "FS01", status: "on_fire" }] }),
      400,
      "invalid_input",
    );
  });

  it("assigns roles with handovers; refuses an unknown person", async () => {
    const amara = await send("POST", `${base()}/roles`, {
      role: "commander",
      person: "amara-okafor",
    });
    expect(amara.statusCode, amara.body).toBe(201);
    expect(
      (
        await send("POST", `${base()}/roles`, {
          role: "commander",
          person: "daniel-reyes",
          reason: "shift change",
        })
      ).statusCode,
    ).toBe(201);
    const bad = await expectRefused(
      () => send("POST", `${base()}/roles`, { role: "commander", person: "mallory" }),
      400,
      "invalid_input",
    );
    expect(bad.detail).toMatch(/'mallory' is not in the plan's team/);
    await expectRefused(
      () => send("POST", `${base()}/roles`, { role: "janitor", person: "amara-okafor" }),
      400,
      "invalid_input",
    );

    const roles = (await get(`${base()}/roles`)).json().items;
    expect(roles.map((r: { person: string; current: boolean }) => [r.person, r.current])).toEqual([
      ["amara-okafor", false],
      ["daniel-reyes", true],
    ]);
    expect((await get(`${base()}`)).json().commander).toBe("daniel-reyes");
  });

  it("opens, links and moves problems; refuses a wrong transition and a stale version", async () => {
    const opened = await send("POST", "/api/v1/problems", {
      title: "Initial access vector",
      incidents: [incident.human_id],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const problem = opened.json();
    expect(problem).toMatchObject({
      human_id: expect.stringMatching(/^PRB-\d{4}-0001$/),
      state: "open",
      incidents: [{ human_id: incident.human_id }],
    });
    const url = `/api/v1/problems/${problem.human_id}`;

    const wrong = await expectRefused(
      () => send("POST", `${url}/transition`, { to: "resolved", fix: "x", verified_by: "y" }),
      409,
      "conflict",
    );
    expect(wrong.detail).toMatch(/is open; it can only move to known_error, not resolved/);
    const missing = await expectRefused(
      () => send("POST", `${url}/transition`, { to: "known_error", cause: "VPN" }),
      400,
      "invalid_input",
    );
    expect(missing.detail).toBe("workaround is required");
    await expectRefused(
      () => send("POST", `${url}/transition`, { to: "closed" }),
      400,
      "invalid_input",
    );
    await expectRefused(
      () => send("POST", `${url}/incidents`, { incidents: ["INC-1999-0009"] }),
      400,
      "invalid_input",
    );
    expect((await get(url)).json()).toMatchObject({ state: "open", version: 1 });

    const known = await send(
      "POST",
      `${url}/transition`,
      { to: "known_error", cause: "VPN CVE", workaround: "VPN off" },
      { "if-match": '"1"' },
    );
    expect(known.statusCode, known.body).toBe(200);
    const stale = await send(
      "POST",
      `${url}/transition`,
      { to: "resolved", fix: "patched", verified_by: "tomas-lindqvist" },
      { "if-match": '"1"' },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ type: "/problems/stale_version", current_version: 2 });

    expect((await get("/api/v1/problems?state=known_error")).json()).toMatchObject({
      items: [{ id: problem.id }],
      next_cursor: null,
    });
    expect((await get(`/api/v1/problems?incident=${incident.human_id}`)).json().items).toHaveLength(
      1,
    );
    expect((await get("/api/v1/problems/PRB-1999-0001")).statusCode).toBe(404);
  });

  it("put every change on the timeline, and the chain still verifies", async () => {
    const kinds = await kindsAfter(rt, incident.id, seq);
    for (const kind of [
      "evidence.added",
      "custody.transferred",
      "indicator.added",
      "asset.updated",
      "role.assigned",
      "role.handover",
      "problem.linked",
      "problem.state_changed",
    ])
      expect(kinds, kind).toContain(kind);
    expect(await verifyTimeline(rt, incident.id)).toMatchObject({ intact: true });
  });

  it("describes the routes in the OpenAPI document", async () => {
    const paths = Object.keys((await get("/api/v1/openapi.json")).json().paths);
    for (const p of [
      "/api/v1/incidents/{id}/evidence",
      "/api/v1/incidents/{id}/evidence/{evidenceId}/transfers",
      "/api/v1/indicators",
      "/api/v1/incidents/{id}/assets",
      "/api/v1/incidents/{id}/roles",
      "/api/v1/problems/{id}/transition",
    ])
      expect(paths).toContain(p);
  });
});
