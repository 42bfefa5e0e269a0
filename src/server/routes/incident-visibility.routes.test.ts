import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { userWithToken } from "../../../test/support/identity.js";
import {
  fillRoute,
  INCIDENT_ROUTE_BODIES,
  INCIDENT_ROUTE_FILES,
  INCIDENT_ROUTE_QUERIES,
  incidentRoutes,
} from "../../../test/support/incident-routes.js";
import { testRuntime } from "../../../test/support/runtime.js";
import type { Runtime } from "../../runtime.js";
import { type App, buildApp } from "../app.js";

type Headers = Record<string, string>;
const MISSING = "INC-1999-0001";

/**
 * Every route under /api/v1/incidents/{id} — the list derived from the served OpenAPI document —
 * answers a non-member of a restricted incident exactly as it answers for an incident that does
 * not exist: 404, same problem type and title, the same detail but for the reference. Each
 * request is otherwise valid (a real task, evidence item, role assignment, audience; a valid
 * body; a stale If-Match on changes), so nothing but the use case's own visibility check can
 * refuse it: no hook in front of the handlers decides (server/access.hook.ts does not look at
 * incidents), and the restricted incident is left untouched.
 */
for (const dialect of TEST_DIALECTS)
  describe.skipIf(dialect.skip !== undefined)(
    `every incident route hides a restricted incident on ${dialect.name}`,
    () => {
      let rt: Runtime;
      let app: App;
      const who: Record<"admin" | "outsider" | "observer", Headers> = {
        admin: {},
        outsider: {},
        observer: {},
      };
      let secret: { id: string; human_id: string };
      let values: Record<string, string>;

      const call = async (method: string, url: string, headers: Headers, payload?: unknown) =>
        app.inject({ method: method as "GET", url, headers, payload: payload as object });
      const ok = async (method: string, url: string, payload?: unknown) => {
        const res = await call(method, `/api/v1${url}`, who.admin, payload);
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
        return res.json();
      };
      const state = async () => ({
        incident: await rt.incidents.get(secret.id),
        timeline: (await rt.incidents.timeline(secret.id)).length,
      });

      beforeAll(async () => {
        rt = await testRuntime(dialect);
        app = await buildApp(rt, { logger: false });
        who.admin = (await userWithToken(rt, "admin")).headers;
        who.outsider = (
          await userWithToken(rt, "responder", "write", { person_id: "kenji-sato" })
        ).headers;
        who.observer = (await userWithToken(rt, "observer")).headers;
        secret = await ok("POST", "/incidents", {
          title: "Ransomware note on the HR file server",
          type: "ransomware",
          severity: "emergency",
          restricted: true,
        });
        const other = await ok("POST", "/incidents", { title: "Same attack", type: "ransomware" });
        const base = `/incidents/${secret.human_id}`;
        const evidence = await ok(
          "POST",
          `${base}/evidence`,
          INCIDENT_ROUTE_BODIES["POST /api/v1/incidents/{id}/evidence"],
        );
        const role = await ok("POST", `${base}/roles`, {
          role: "commander",
          person: "amara-okafor",
        });
        values = {
          other: other.human_id,
          taskId: (await ok("GET", `${base}/tasks`)).items[0].id,
          evidenceId: evidence.id,
          assignmentId: role.id,
          obligationId: "gdpr-art-33",
          technique: "T1486",
          audience: (await ok("GET", `${base}/updates`)).cadence[0].audience,
        };
      }, 120_000);
      afterAll(async () => {
        await app?.close();
        await rt?.close();
      });

      it("answers each route with the 404 of a missing incident, for members' eyes only", async () => {
        const routes = await incidentRoutes((url) => app.inject(url));
        expect(routes.length).toBeGreaterThan(30);
        const before = await state();
        const wrong: string[] = [];
        for (const route of routes) {
          const [method, path] = route.split(" ") as [string, string];
          const changes = method !== "GET";
          const file = INCIDENT_ROUTE_FILES[route];
          if (changes && file === undefined)
            expect(Object.keys(INCIDENT_ROUTE_BODIES), route).toContain(route);
          const body = INCIDENT_ROUTE_BODIES[route];
          const payload =
            file !== undefined
              ? Buffer.from(file)
              : body === undefined
                ? undefined
                : JSON.parse(fillRoute(JSON.stringify(body), values));
          const raw: Headers =
            file === undefined ? {} : { "content-type": "application/octet-stream" };
          // A stale If-Match must not reveal the incident either (412 would say it exists).
          const headers = (h: Headers) => (changes ? { ...h, ...raw, "if-match": '"999"' } : h);
          // The observer holds no write permission: its 403 comes first, for any incident.
          for (const name of changes
            ? (["outsider"] as const)
            : (["outsider", "observer"] as const)) {
            const at = (ref: string) =>
              fillRoute(path, { ...values, id: ref }) + (INCIDENT_ROUTE_QUERIES[route] ?? "");
            const hidden = await call(method, at(secret.human_id), headers(who[name]), payload);
            const missing = await call(method, at(MISSING), headers(who[name]), payload);
            // A permission the observer lacks (downloading evidence files) refuses it first,
            // for any incident, exactly as for a change.
            const status = name === "observer" && missing.statusCode === 403 ? 403 : 404;
            const problem = hidden.statusCode === status ? hidden.json() : undefined;
            const expected = missing.json();
            const same =
              hidden.statusCode === status &&
              missing.statusCode === status &&
              problem.type === expected.type &&
              problem.title === expected.title &&
              problem.detail.replace(secret.human_id, MISSING) === expected.detail &&
              !hidden.body.includes(secret.id);
            if (!same)
              wrong.push(
                `${name} ${route}: ${hidden.statusCode} ${hidden.body.slice(0, 160)} vs ${missing.statusCode} ${missing.body.slice(0, 160)}`,
              );
          }
        }
        expect(wrong).toEqual([]);
        expect(await state()).toEqual(before);
      }, 180_000);

      it("still opens it for an admin and for a person with a role on it", async () => {
        const commander = (
          await userWithToken(rt, "responder", "write", { person_id: "amara-okafor" })
        ).headers;
        for (const headers of [who.admin, commander]) {
          const res = await call("GET", `/api/v1/incidents/${secret.human_id}/timeline`, headers);
          expect(res.statusCode, res.body).toBe(200);
        }
        const noted = await call("POST", `/api/v1/incidents/${secret.human_id}/notes`, commander, {
          text: "the commander still writes",
        });
        expect(noted.statusCode, noted.body).toBe(201);
      });
    },
  );
