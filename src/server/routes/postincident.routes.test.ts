import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { appPerFile } from "../../../test/support/app.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { ransomwareWithRecords } from "../../../test/support/postincident.js";
import { buildApp } from "../app.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

describe("post-incident and report routes over HTTP", () => {
  const served = appPerFile(sqlite, { auth: "trust-local" });

  const call = (
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    served.app.inject({
      method,
      url: `/api/v1${url}`,
      payload: payload as object | undefined,
      headers,
    });

  it("runs an RCA, action items, lessons, search, reports and metrics", async () => {
    const { incident, indicators } = await ransomwareWithRecords(served.rt);
    const evidence = (await call("GET", `/incidents/${incident.human_id}/evidence`)).json().items;

    const started = await call("POST", "/rcas", {
      incident: incident.human_id,
      scope: { summary: "FS01" },
    });
    expect(started.statusCode).toBe(201);
    const rca = started.json();
    const cause = await call("POST", `/rcas/${rca.human_id}/causes`, {
      statement: "A VPN account without MFA was phished",
      evidence: [
        { kind: "evidence", id: evidence[0].id },
        { kind: "timeline", id: 1 },
      ],
    });
    expect(cause.statusCode).toBe(201);
    const bad = await call("POST", `/rcas/${rca.id}/causes`, {
      statement: "x",
      evidence: [{ kind: "task", id: "nope" }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors[0].path).toBe("evidence[0]");
    // If-Match with a stale version is refused.
    const stale = await call(
      "PUT",
      `/rcas/${rca.id}/scope`,
      { summary: "x" },
      { "if-match": '"1"' },
    );
    expect(stale.statusCode).toBe(412);

    const root = await call("POST", `/rcas/${rca.id}/root-cause`, {
      cause_id: cause.json().cause.id,
    });
    expect(root.json().rca.status).toBe("solution");
    expect(
      (await call("PUT", `/rcas/${rca.id}/solution`, { summary: "FIDO2 MFA on the VPN" }))
        .statusCode,
    ).toBe(200);
    const item = await call("POST", `/rcas/${rca.id}/action-items`, {
      title: "Enforce MFA",
      owner: "kenji-sato",
      due_at: "2020-01-01",
    });
    expect(item.statusCode).toBe(201);
    const overdue = (await call("GET", "/action-items?overdue=true")).json().items;
    expect(overdue.map((v: { ref: string }) => v.ref)).toEqual([item.json().human_id]);
    expect(
      (await call("PATCH", `/action-items/${item.json().human_id}`, { status: "done" })).statusCode,
    ).toBe(400);
    const done = await call(
      "PATCH",
      `/action-items/${item.json().id}`,
      { status: "done", verification: "tested" },
      { "if-match": '"1"' },
    );
    expect(done.json().status).toBe("done");
    expect((await call("GET", `/rcas/${rca.id}`)).json().status).toBe("complete");

    const badLessons = await call("PUT", `/incidents/${incident.id}/lessons`, {
      what_happened: "x",
      proposals: [{ target: { kind: "procedure", step_id: "nope" }, change: "y" }],
    });
    expect(badLessons.statusCode).toBe(400);
    expect(badLessons.json().errors[0].path).toBe("proposals[0].target");
    const lessons = await call("PUT", `/incidents/${incident.id}/lessons`, {
      what_happened: "Phished VPN credentials led to encryption of FS01.",
      learned: ["MFA everywhere"],
      proposals: [
        {
          target: { kind: "procedure", step_id: "isolate-infected-hosts" },
          change: "Isolate at the switch",
        },
      ],
    });
    expect(lessons.statusCode).toBe(200);
    expect((await call("GET", `/incidents/${incident.human_id}/lessons`)).json().version).toBe(1);
    const proposals = (await call("GET", "/change-proposals?kind=procedure&id=ransomware")).json()
      .items;
    expect(proposals[0].target.step_id).toBe("isolate-infected-hosts");
    const hits = (
      await call("GET", `/search/lessons?q=${encodeURIComponent("phished vpn")}`)
    ).json().items;
    expect(hits.map((h: { kind: string }) => h.kind).sort()).toEqual(["lesson", "root_cause"]);

    for (const [kind, format, type] of [
      ["executive", "html", "text/html"],
      ["technical", "md", "text/markdown"],
      ["after-action", "pdf", "application/pdf"],
    ] as const) {
      const made = await call("POST", `/incidents/${incident.human_id}/reports`, { kind, format });
      expect(made.statusCode).toBe(201);
      const got = await call("GET", `/reports/${made.json().id}`);
      expect(got.statusCode).toBe(200);
      expect(got.headers["content-type"]).toContain(type);
      expect(createHash("sha256").update(got.rawPayload).digest("hex")).toBe(made.json().sha256);
      if (kind === "executive") for (const v of indicators) expect(got.body).not.toContain(v);
    }
    const withContent = await call("POST", `/incidents/${incident.id}/reports`, {
      kind: "regulator-gdpr",
      format: "md",
      include_content: true,
    });
    expect(Buffer.from(withContent.json().content_base64, "base64").toString()).toContain(
      "Art. 33",
    );
    expect((await call("GET", `/incidents/${incident.id}/reports`)).json().items).toHaveLength(4);
    expect(
      (await call("POST", `/incidents/${incident.id}/reports`, { kind: "gossip", format: "md" }))
        .statusCode,
    ).toBe(400);

    const m = (await call("GET", "/metrics?from=2000-01-01")).json();
    expect(m.incidents).toBe(1);
    expect(m.overall.mttc.count).toBe(0);
    const svg = await call("GET", "/metrics/chart.svg");
    expect(svg.headers["content-type"]).toContain("image/svg+xml");
    expect(svg.body).toMatch(/^<svg/);
    expect((await call("GET", "/metrics?from=nonsense")).statusCode).toBe(400);

    const spec = (await served.app.inject("/api/v1/openapi.json")).json();
    for (const path of [
      "/api/v1/rcas",
      "/api/v1/action-items",
      "/api/v1/search/lessons",
      "/api/v1/incidents/{id}/reports",
      "/api/v1/reports/{reportId}",
      "/api/v1/metrics",
    ])
      expect(Object.keys(spec.paths)).toContain(path);
  });

  it("refuses callers without a session or token", async () => {
    const strict = await buildApp(served.rt, { logger: false, auth: "enforce" });
    try {
      for (const url of [
        "/api/v1/action-items",
        "/api/v1/metrics",
        "/api/v1/search/lessons?q=x",
        "/api/v1/rcas",
      ])
        expect((await strict.inject(url)).statusCode).toBe(401);
    } finally {
      await strict.close();
    }
  });
});
