import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IncidentHarness, incidentHarness } from "../../../test/support/http-harness.js";
import { declareRansomware } from "../../../test/support/response-helpers.js";

const DIGEST = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

/**
 * A valid request for every mutating route under an incident, so that only the stale If-Match can
 * refuse it. A route the served OpenAPI document lists and this table does not fails the test:
 * a new route cannot forget If-Match.
 */
const BODIES: Record<string, unknown> = {
  "PATCH /api/v1/incidents/{id}": { severity: "inconvenience", reason: "contained" },
  "POST /api/v1/incidents/{id}/acknowledge": undefined,
  "POST /api/v1/incidents/{id}/advance": {},
  "POST /api/v1/incidents/{id}/close": {},
  "POST /api/v1/incidents/{id}/decline": { reason: "a drill" },
  "POST /api/v1/incidents/{id}/merge": { into: "{other}", reason: "same attack" },
  "POST /api/v1/incidents/{id}/reopen": { reason: "it came back" },
  "POST /api/v1/incidents/{id}/tasks": { title: "Call the insurer", phase: "containment" },
  "PATCH /api/v1/incidents/{id}/tasks/{taskId}": { note: "started" },
  "POST /api/v1/incidents/{id}/notes": { text: "seen on FS02 too" },
  "POST /api/v1/incidents/{id}/updates": { audience: "{audience}", summary: "contained" },
  "POST /api/v1/incidents/{id}/clocks/{obligationId}/notifications": { deadline_id: "initial" },
  "POST /api/v1/incidents/{id}/clocks/{obligationId}/stop": { reason: "no personal data" },
  "POST /api/v1/incidents/{id}/evidence": {
    name: "Ransom note",
    sha256: DIGEST,
    size: 12,
    location: "s3://ir-evidence/note.txt",
    acquired_by: "tomas-lindqvist",
  },
  "POST /api/v1/incidents/{id}/evidence/{evidenceId}/transfers": {
    to: "amara-okafor",
    reason: "lab analysis",
  },
  "POST /api/v1/incidents/{id}/indicators": { type: "ip", value: "198.51.100.23" },
  "POST /api/v1/incidents/{id}/indicators/batch": {
    items: [{ type: "domain", value: "evil.example" }],
  },
  "PUT /api/v1/incidents/{id}/assets": { assets: [{ name: "FS02", status: "suspected" }] },
  "POST /api/v1/incidents/{id}/roles": { role: "scribe", person: "amara-okafor" },
  "POST /api/v1/incidents/{id}/roles/{assignmentId}/release": {},
  "PUT /api/v1/incidents/{id}/lessons": { what_happened: "phished VPN credentials" },
  "POST /api/v1/incidents/{id}/reports": { kind: "technical", format: "md" },
};

/** Mutating routes of one incident, from the served OpenAPI document. */
async function mutatingIncidentRoutes(h: IncidentHarness): Promise<string[]> {
  const doc = (await h.get("/api/v1/openapi.json")).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith("/api/v1/incidents/{id}"))
    .flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => !["get", "head", "options"].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
}

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
      audience: cadence[0].audience,
    };
  });
  afterAll(async () => h.close());

  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);

  it("refuses a stale version with 412 problem+json on each, changing nothing", async () => {
    const routes = await mutatingIncidentRoutes(h);
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
