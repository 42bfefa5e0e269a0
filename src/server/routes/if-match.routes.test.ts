import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IncidentHarness, incidentHarness } from "../../../test/support/http-harness.js";
import {
  INCIDENT_ROUTE_BODIES as BODIES,
  INCIDENT_ROUTE_FILES as FILES,
  fillRoute,
  incidentRoutes,
} from "../../../test/support/incident-routes.js";
import { declareRansomware } from "../../../test/support/response-helpers.js";

describe("If-Match on every mutating incident route", () => {
  let h: IncidentHarness;
  let values: Record<string, string>;
  beforeAll(async () => {
    h = await incidentHarness();
    const other = await declareRansomware(h.rt, "The same attack, seen twice");
    const evidence = await h.send(
      "POST",
      `${h.base}/evidence`,
      BODIES["POST /api/v1/incidents/{id}/evidence"] as object,
    );
    const role = await h.send("POST", `${h.base}/roles`, {
      role: "commander",
      person: "amara-okafor",
    });
    const tasks = (await h.get(`${h.base}/tasks`)).json().items;
    const cadence = (await h.get(`${h.base}/updates`)).json().cadence;
    values = {
      id: h.incident.human_id,
      other: other.human_id,
      taskId: tasks[0].id,
      evidenceId: evidence.json().id,
      assignmentId: role.json().id,
      obligationId: "gdpr-art-33",
      technique: "T1486",
      audience: cadence[0].audience,
    };
  });
  afterAll(async () => h.close());

  const fill = (s: string) => fillRoute(s, values);

  it("refuses a stale version with 412 problem+json on each, changing nothing", async () => {
    // File uploads add their own record and take no If-Match (test/support/incident-routes.ts).
    const routes = (await incidentRoutes(h.get, "mutating")).filter((r) => !(r in FILES));
    expect(routes.filter((r) => !(r in BODIES))).toEqual([]);
    const doc = (await h.get("/api/v1/openapi.json")).json();
    for (const route of routes) {
      const [method, path] = route.split(" ") as ["POST" | "PUT" | "PATCH", string];
      const params = doc.paths[path][method.toLowerCase()].parameters ?? [];
      expect(
        params.some((p: { name: string; in: string }) => p.name === "if-match"),
        `${route} documents If-Match`,
      ).toBe(true);
      const body = BODIES[route];
      const payload = body === undefined ? undefined : JSON.parse(fill(JSON.stringify(body)));
      const current = (await h.get(h.base)).json().version as number;
      const problem = await h.expectRefused(
        () =>
          h.app.inject({
            method,
            url: fill(path),
            payload,
            headers: { "if-match": `"${current + 7}"` },
          }),
        412,
        "stale_version",
      );
      expect(problem.detail, route).toMatch(/version/);
    }
  });

  it("accepts the current version, and merges without If-Match", async () => {
    const current = (await h.get(h.base)).json().version as number;
    const noted = await h.send(
      "POST",
      `${h.base}/notes`,
      { text: "on the current view" },
      { "if-match": `"${current}"` },
    );
    expect(noted.statusCode, noted.body).toBe(201);
    const task = await h.send("POST", `${h.base}/tasks`, {
      title: "Without If-Match",
      phase: "containment",
    });
    expect(task.statusCode, task.body).toBe(201);
    expect((await h.get(h.base)).json().version).toBe(current + 2);
  });
});
