import { describe, expect, it } from "vitest";
import { incidentHarnessPerFile } from "../../../test/support/http-harness.js";

describe("role and problem routes", () => {
  const h = incidentHarnessPerFile();

  it("assigns roles with handovers; refuses an unknown person", async () => {
    const amara = await h.send("POST", `${h.base}/roles`, {
      role: "commander",
      person: "amara-okafor",
    });
    expect(amara.statusCode, amara.body).toBe(201);
    expect(
      (
        await h.send("POST", `${h.base}/roles`, {
          role: "commander",
          person: "daniel-reyes",
          reason: "shift change",
        })
      ).statusCode,
    ).toBe(201);
    const bad = await h.expectRefused(
      () => h.send("POST", `${h.base}/roles`, { role: "commander", person: "mallory" }),
      400,
      "invalid_input",
    );
    expect(bad.detail).toMatch(/'mallory' is not in the plan's team/);
    await h.expectRefused(
      () => h.send("POST", `${h.base}/roles`, { role: "janitor", person: "amara-okafor" }),
      400,
      "invalid_input",
    );

    const roles = (await h.get(`${h.base}/roles`)).json().items;
    expect(roles.map((r: { person: string; current: boolean }) => [r.person, r.current])).toEqual([
      ["amara-okafor", false],
      ["daniel-reyes", true],
    ]);
    expect((await h.get(`${h.base}`)).json().commander).toBe("daniel-reyes");
  });

  it("opens, links and moves problems; refuses a wrong transition and a stale version", async () => {
    const opened = await h.send("POST", "/api/v1/problems", {
      title: "Initial access vector",
      incidents: [h.incident.human_id],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const problem = opened.json();
    expect(problem).toMatchObject({
      human_id: expect.stringMatching(/^PRB-\d{4}-0001$/),
      state: "open",
      incidents: [{ human_id: h.incident.human_id }],
    });
    const url = `/api/v1/problems/${problem.human_id}`;

    const wrong = await h.expectRefused(
      () => h.send("POST", `${url}/transition`, { to: "resolved", fix: "x", verified_by: "y" }),
      409,
      "conflict",
    );
    expect(wrong.detail).toMatch(/is open; it can only move to known_error, not resolved/);
    const missing = await h.expectRefused(
      () => h.send("POST", `${url}/transition`, { to: "known_error", cause: "VPN" }),
      400,
      "invalid_input",
    );
    expect(missing.detail).toBe("workaround is required");
    await h.expectRefused(
      () => h.send("POST", `${url}/transition`, { to: "closed" }),
      400,
      "invalid_input",
    );
    await h.expectRefused(
      () => h.send("POST", `${url}/incidents`, { incidents: ["INC-1999-0009"] }),
      400,
      "invalid_input",
    );
    expect((await h.get(url)).json()).toMatchObject({ state: "open", version: 1 });

    const known = await h.send(
      "POST",
      `${url}/transition`,
      { to: "known_error", cause: "VPN CVE", workaround: "VPN off" },
      { "if-match": '"1"' },
    );
    expect(known.statusCode, known.body).toBe(200);
    const stale = await h.send(
      "POST",
      `${url}/transition`,
      { to: "resolved", fix: "patched", verified_by: "tomas-lindqvist" },
      { "if-match": '"1"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ type: "/problems/stale_version", current_version: 2 });

    expect((await h.get("/api/v1/problems?state=known_error")).json()).toMatchObject({
      items: [{ id: problem.id }],
      next_cursor: null,
    });
    expect(
      (await h.get(`/api/v1/problems?incident=${h.incident.human_id}`)).json().items,
    ).toHaveLength(1);
    expect((await h.get("/api/v1/problems/PRB-1999-0001")).statusCode).toBe(404);
  });

  it("put every change on the timeline, and the chain still verifies", async () => {
    await h.expectRecorded([
      "role.assigned",
      "role.handover",
      "problem.linked",
      "problem.state_changed",
    ]);
  });

  it("describes the routes in the OpenAPI document", async () => {
    const paths = Object.keys((await h.get("/api/v1/openapi.json")).json().paths);
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
