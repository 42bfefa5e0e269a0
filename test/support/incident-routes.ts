import type { LightMyRequestResponse } from "fastify";

const DIGEST = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

/**
 * A valid request for every mutating route under an incident, so that only the check under test
 * (a stale If-Match, a hidden incident) can refuse it. `{name}` placeholders are filled with the
 * test's ids. A route the served OpenAPI document lists and this table does not fails the tests
 * that use it: a new route cannot be forgotten.
 */
export const INCIDENT_ROUTE_BODIES: Record<string, unknown> = {
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
  "POST /api/v1/incidents/{id}/indicators/misp": {
    Event: { info: "shared by a partner", Attribute: [{ type: "ip-dst", value: "198.51.100.24" }] },
  },
  "POST /api/v1/incidents/{id}/techniques": { technique: "T1486", reason: "files encrypted" },
  "POST /api/v1/incidents/{id}/techniques/{technique}/remove": { reason: "not seen after all" },
};

/**
 * Routes whose body is a file, sent raw (`application/octet-stream`) rather than as JSON: the
 * bytes to send. They take no If-Match: an upload adds its own record, and a stale version found
 * after streaming gigabytes would throw the upload away for nothing.
 */
export const INCIDENT_ROUTE_FILES: Record<string, string> = {
  "POST /api/v1/incidents/{id}/evidence/files": "the ransom note, as a file",
  "PUT /api/v1/incidents/{id}/evidence/{evidenceId}/file": "the ransom note, as a file",
};

/** The query a GET route under an incident cannot do without (its required parameters). */
export const INCIDENT_ROUTE_QUERIES: Record<string, string> = {
  "GET /api/v1/incidents/{id}/export": "?format=stix",
  "GET /api/v1/incidents/{id}/evidence/{evidenceId}/file": "?reason=lab%20analysis",
  "POST /api/v1/incidents/{id}/evidence/files": "?name=note.txt",
};

/** Routes under one incident (`METHOD /api/v1/incidents/{id}…`), from the served OpenAPI document. */
export async function incidentRoutes(
  get: (url: string) => Promise<LightMyRequestResponse>,
  which: "mutating" | "all" = "all",
): Promise<string[]> {
  const doc = (await get("/api/v1/openapi.json")).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith("/api/v1/incidents/{id}"))
    .flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ["get", "post", "put", "patch", "delete"].includes(m))
        .filter((m) => which === "all" || m !== "get")
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
}

/** `/incidents/{id}/tasks/{taskId}` with `{id: "INC-1"}`… → `/incidents/INC-1/tasks/{taskId}`. */
export const fillRoute = (s: string, values: Record<string, string>) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
