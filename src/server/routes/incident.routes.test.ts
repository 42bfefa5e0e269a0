import { describe, expect, it } from "vitest";
import { appPerFile } from "../../../test/support/app.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

describe("incident routes: a whole lifecycle over HTTP", () => {
  const served = appPerFile(sqlite, { auth: "trust-local" });

  const post = (url: string, payload: unknown = {}, headers: Record<string, string> = {}) =>
    served.app.inject({ method: "POST", url, payload: payload as object, headers });
  const patch = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    served.app.inject({ method: "PATCH", url, payload: payload as object, headers });

  async function finishPhase(id: string) {
    const incident = (await served.app.inject(`/api/v1/incidents/${id}`)).json();
    for (const t of incident.blocking_tasks)
      expect(
        (await patch(`/api/v1/incidents/${id}/tasks/${t.id}`, { status: "done" })).statusCode,
      ).toBe(200);
    const tasks = (await served.app.inject(`/api/v1/incidents/${id}/tasks`)).json().items;
    for (const t of tasks.filter(
      (x: { phase: string; status: string }) => x.phase === "remediation" && x.status === "open",
    ))
      await patch(`/api/v1/incidents/${id}/tasks/${t.id}`, { follow_up: true });
  }

  it("declares, gates, advances, closes and verifies", async () => {
    const declared = await post("/api/v1/incidents", {
      title: "Ransom note on FS01",
      type: "ransomware",
      severity: "emergency",
      attributes: { personal_data: true },
    });
    expect(declared.statusCode).toBe(201);
    const { human_id: id } = declared.json();

    const blocked = await post(`/api/v1/incidents/${id}/advance`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.headers["content-type"]).toMatch(/problem\+json/);
    expect(blocked.json()).toMatchObject({
      type: "/problems/gate_blocked",
      rule: "command.required_from",
      detail: expect.stringMatching(/without a named commander/),
      blocking_tasks: expect.arrayContaining([
        expect.objectContaining({ title: expect.any(String) }),
      ]),
    });
    const commander = await post(`/api/v1/incidents/${id}/roles`, {
      role: "commander",
      person: "daniel-reyes",
    });
    expect(commander.statusCode, commander.body).toBe(201);

    for (const phase of ["containment", "eradication", "recovery", "post_incident"]) {
      await finishPhase(id);
      const res = await post(`/api/v1/incidents/${id}/advance`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().phase).toBe(phase);
    }
    await finishPhase(id);
    const unworked = await post(`/api/v1/incidents/${id}/close`);
    expect(unworked.statusCode).toBe(409);
    expect(unworked.json()).toMatchObject({
      type: "/problems/gate_blocked",
      missing_obligations: ["root_cause_analysis", "lessons_learned", "after_action_report"],
      detail: expect.stringMatching(/an after-action report/),
    });
    const closed = await post(`/api/v1/incidents/${id}/close`, {
      override: true,
      reason: "Duplicate of the exercise; no review held",
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().phase).toBe("closed");

    const verdict = (await served.app.inject(`/api/v1/incidents/${id}/timeline/verify`)).json();
    expect(verdict).toMatchObject({ intact: true });
    const timeline = (await served.app.inject(`/api/v1/incidents/${id}/timeline`)).json().items;
    expect(timeline[0].kind).toBe("incident.declared");
    expect(timeline.slice(-2).map((e: { kind: string }) => e.kind)).toEqual([
      "incident.closing_overridden",
      "incident.closed",
    ]);
  });

  it("answers 409 for a change on a stale version, and nothing changes", async () => {
    const { human_id: id, version } = (
      await post("/api/v1/incidents", { title: "Phish", type: "phishing" })
    ).json();
    const first = await patch(
      `/api/v1/incidents/${id}`,
      { severity: "disaster", reason: "Spread" },
      { "if-match": `"${version}"` },
    );
    expect(first.statusCode).toBe(200);
    const second = await patch(
      `/api/v1/incidents/${id}`,
      { severity: "inconvenience", reason: "Contained" },
      { "if-match": `"${version}"` },
    );
    expect(second.statusCode).toBe(412);
    expect(second.json()).toMatchObject({
      type: "/problems/stale_version",
      current_version: version + 1,
    });
    expect((await served.app.inject(`/api/v1/incidents/${id}`)).json().severity).toBe("disaster");
  });

  it("refuses bad input with problem+json", async () => {
    const cases = [
      [
        await post("/api/v1/incidents", { title: "x", type: "alien" }),
        400,
        /unknown incident type/,
      ],
      [
        await post("/api/v1/incidents", { title: "x", type: "malware", severity: "critical" }),
        400,
        /unknown severity/,
      ],
      [
        await post("/api/v1/incidents", { title: "x", type: "malware", colour: "red" }),
        400,
        /schema/,
      ],
      [
        await post("/api/v1/incidents", { title: "x", type: "malware", aware_at: "yesterday" }),
        400,
        /ISO 8601/,
      ],
      [await post("/api/v1/incidents/INC-1999-0001/advance"), 404, /does not exist/],
    ] as const;
    for (const [res, status, detail] of cases) {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().detail).toMatch(detail);
    }
  });

  it("lists incidents newest first with a cursor", async () => {
    for (const n of [1, 2, 3])
      await post("/api/v1/incidents", { title: `Malware ${n}`, type: "malware" });
    const page1 = (await served.app.inject("/api/v1/incidents?type=malware&limit=2")).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.next_cursor).toBeTruthy();
    const page2 = (
      await served.app.inject(
        `/api/v1/incidents?type=malware&limit=2&cursor=${encodeURIComponent(page1.next_cursor)}`,
      )
    ).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.next_cursor).toBeNull();
    expect([...page1.items, ...page2.items].map((i: { title: string }) => i.title)).toEqual([
      "Malware 3",
      "Malware 2",
      "Malware 1",
    ]);
  });
});
