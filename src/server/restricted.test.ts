import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { userWithToken } from "../../test/support/identity.js";
import { testRuntime } from "../../test/support/runtime.js";
import type { Runtime } from "../runtime.js";
import { type App, buildApp } from "./app.js";
import { registeredRoutes } from "./route-registry.js";

type Headers = Record<string, string>;
const MISSING_INCIDENT = "INC-1999-0001";
const MISSING_ALERT = "00000000-0000-4000-8000-000000000000";

/**
 * The one visibility policy (auth/incident-visibility.ts): a restricted incident (an insider
 * case) and everything that belongs to it — its alerts and their events, indicators, clocks,
 * RCAs, action items, lessons, search hits — does not show to a non-participant through any
 * route, and touching it answers as touching something that does not exist. Participants
 * (commander, declarer, role holders, people paged for it) and admins see it. On every dialect:
 * lists filter in SQL.
 */
for (const dialect of TEST_DIALECTS)
  describe.skipIf(dialect.skip !== undefined)(`restricted incidents on ${dialect.name}`, () => {
    let rt: Runtime;
    let app: App;
    const who: Record<string, Headers> = {};
    let secret: { id: string; human_id: string };
    let open: { id: string; human_id: string };
    /** An alert attached to the secret incident, and one in the open triage queue. */
    let secretAlert: string;
    let openAlert: string;

    const req = (method: string, url: string, headers: Headers, payload?: unknown) =>
      app.inject({
        method: method as "GET",
        url: `/api/v1${url}`,
        headers,
        payload: payload as object,
      });
    const ok = async (method: string, url: string, headers: Headers, payload?: unknown) => {
      const res = await req(method, url, headers, payload);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
      return res.json();
    };
    const mentions = (body: string) => body.includes(secret.id) || body.includes(secret.human_id);
    const outsiders = ["outsider", "observer"] as const;
    const insiders = ["admin", "commander", "analyst"] as const;

    beforeAll(async () => {
      rt = await testRuntime(dialect);
      app = await buildApp(rt, { logger: false });
      who.admin = (await userWithToken(rt, "admin")).headers;
      who.commander = (
        await userWithToken(rt, "responder", "write", { person_id: "amara-okafor" })
      ).headers;
      who.analyst = (
        await userWithToken(rt, "responder", "write", { person_id: "jonas-weber" })
      ).headers;
      who.outsider = (
        await userWithToken(rt, "responder", "write", { person_id: "kenji-sato" })
      ).headers;
      who.observer = (await userWithToken(rt, "observer")).headers;
      const admin = who.admin;

      secret = await ok("POST", "/incidents", admin, {
        title: "Payroll clerk copying salary files",
        type: "insider",
        restricted: true,
        commander: "amara-okafor",
      });
      open = await ok("POST", "/incidents", admin, { title: "Phishing wave", type: "phishing" });
      await ok("POST", `/incidents/${secret.id}/roles`, admin, {
        role: "forensic-investigator",
        person: "jonas-weber",
      });
      for (const inc of [secret, open])
        await ok("POST", `/incidents/${inc.id}/indicators`, admin, {
          type: "ip",
          value: "198.51.100.23",
        });
      await ok("POST", "/problems", admin, {
        title: "Shared drive permissions too wide",
        incidents: [secret.human_id, open.human_id],
      });

      // Two alerts from a monitor; the first becomes evidence of the secret incident.
      const pd = await ok("POST", "/integrations", admin, { kind: "pagerduty", name: "PD" });
      for (const summary of ["Salary folder bulk copy by clerk7", "Disk almost full on web01"]) {
        const sent = await app.inject({
          method: "POST",
          url: "/api/v1/integrations/pagerduty/v2/enqueue",
          payload: {
            routing_key: pd.key,
            event_action: "trigger",
            payload: { summary, source: "dlp", severity: "warning" },
          },
        });
        expect(sent.statusCode, sent.body).toBe(202);
      }
      const alerts = (await ok("GET", "/alerts", admin)).items as { id: string; title: string }[];
      secretAlert = alerts.find((a) => a.title.startsWith("Salary"))?.id as string;
      openAlert = alerts.find((a) => a.title.startsWith("Disk"))?.id as string;
      await ok("POST", `/alerts/${secretAlert}/attach`, admin, { incident: secret.id });

      // Post-incident records of the secret incident.
      await ok("POST", "/rcas", admin, {
        incident: secret.id,
        title: "Why the clerk could copy salaries",
        scope: { summary: "Access to the salary share" },
      });
      await ok("POST", "/action-items", admin, {
        incident: secret.id,
        title: "Narrow the salary share's permissions",
        owner: "amara-okafor",
        due_at: "2030-01-01",
      });
    }, 180_000);
    afterAll(async () => {
      await app?.close();
      await rt?.close();
    });

    it("lists and finds the incident only for participants and admins", async () => {
      for (const [name, headers] of Object.entries(who)) {
        const list = await req("GET", "/incidents", headers);
        const search = await req("GET", "/incidents?q=payroll", headers);
        const visible = (insiders as readonly string[]).includes(name);
        expect(mentions(list.body), name).toBe(visible);
        expect(mentions(search.body), name).toBe(visible);
        expect(list.body, name).toContain(open.human_id);
      }
    });

    it("answers every route under /incidents/:id with the 404 of an incident that does not exist", async () => {
      const routes = registeredRoutes(app).filter(
        (r) => r.url.startsWith("/api/v1/incidents/:id") && r.method !== "HEAD",
      );
      expect(routes.length).toBeGreaterThan(20);
      expect(routes.map((r) => r.url)).toContain("/api/v1/incidents/:id/stream");
      for (const r of routes) {
        const url = (ref: string) =>
          r.url
            .replace(":id", ref)
            .replace(/:[A-Za-z]+/g, "x")
            .replace("/api/v1", "");
        const body = ["POST", "PUT", "PATCH"].includes(r.method) ? {} : undefined;
        for (const name of outsiders) {
          const hidden = await req(r.method, url(secret.human_id), who[name] as Headers, body);
          const missing = await req(r.method, url(MISSING_INCIDENT), who[name] as Headers, body);
          const what = `${name} ${r.method} ${r.url}`;
          expect(hidden.statusCode, what).toBe(missing.statusCode);
          // 415: a file upload's JSON body is refused before any incident is read.
          expect([400, 403, 404, 415], what).toContain(hidden.statusCode);
          expect(hidden.json().detail, what).toBe(
            missing.json().detail.replace(MISSING_INCIDENT, secret.human_id),
          );
          expect(hidden.body.replace(secret.human_id, ""), what).not.toContain(secret.id);
        }
      }
      for (const name of insiders) {
        const res = await req(
          "GET",
          `/incidents/${secret.human_id}/timeline`,
          who[name] as Headers,
        );
        expect(res.statusCode, name).toBe(200);
      }
    }, 120_000);

    it("hides its alerts: 404 on reading and on every triage action, absent from the alert list", async () => {
      for (const name of outsiders) {
        const headers = who[name] as Headers;
        for (const [method, path, body] of [
          ["GET", "", undefined],
          ["POST", "/acknowledge", undefined],
          ["POST", "/resolve", undefined],
          ["POST", "/suppress", { reason: "noise" }],
          ["POST", "/declare", { type: "insider" }],
          ["POST", "/attach", { incident: open.id }],
        ] as const) {
          const hidden = await req(method, `/alerts/${secretAlert}${path}`, headers, body);
          const missing = await req(method, `/alerts/${MISSING_ALERT}${path}`, headers, body);
          const what = `${name} ${method} /alerts/:id${path}`;
          expect(hidden.statusCode, what).toBe(missing.statusCode);
          expect([403, 404], what).toContain(hidden.statusCode);
          if (name === "outsider") expect(hidden.statusCode, what).toBe(404);
          expect(hidden.json().detail, what).toBe(
            missing.json().detail.replace(MISSING_ALERT, secretAlert),
          );
          expect(hidden.body, what).not.toContain("Salary");
        }
        for (const url of [
          "/alerts",
          "/alerts?q=salary",
          `/alerts?incident=${secret.id}`,
          "/alerts?status=acknowledged,open",
        ]) {
          const list = await req("GET", url, headers);
          expect(list.statusCode, url).toBe(200);
          expect(list.body, `${name} ${url}`).not.toContain(secretAlert);
          expect(mentions(list.body), `${name} ${url}`).toBe(false);
        }
        expect((await req("GET", "/alerts", headers)).body).toContain(openAlert);
      }
      // Nothing the outsider tried changed it.
      const seen = await ok("GET", `/alerts/${secretAlert}`, who.commander as Headers);
      expect(seen).toMatchObject({ id: secretAlert, incident_id: secret.id, status: "open" });
      for (const name of insiders) {
        const list = await ok("GET", "/alerts", who[name] as Headers);
        expect(
          list.items.map((a: { id: string }) => a.id),
          name,
        ).toContain(secretAlert);
      }
      const acked = await ok("POST", `/alerts/${secretAlert}/acknowledge`, who.analyst as Headers);
      expect(acked.status).toBe("acknowledged");
    });

    it("pages the alert list right: a page is full when more visible alerts exist", async () => {
      const page = await ok("GET", "/alerts?limit=1", who.outsider as Headers);
      expect(page.items.map((a: { id: string }) => a.id)).toEqual([openAlert]);
      // The secret alert would be next (older or newer); the outsider's cursor never reaches it.
      if (page.next_cursor) {
        const next = await ok(
          "GET",
          `/alerts?limit=1&cursor=${encodeURIComponent(page.next_cursor)}`,
          who.outsider as Headers,
        );
        expect(next.items).toEqual([]);
      }
    });

    it("keeps it out of cross-incident lists: indicators, clocks, problems, RCAs, action items, lessons search", async () => {
      const lists = [
        "/indicators?value=198.51.100.23",
        "/clocks",
        "/problems",
        "/rcas",
        `/rcas?incident=${secret.id}`,
        "/action-items",
        "/search/lessons?q=salary%20share",
      ];
      for (const url of lists) {
        const outsider = await req("GET", url, who.outsider as Headers);
        expect(outsider.statusCode, url).toBe(200);
        expect(mentions(outsider.body), url).toBe(false);
      }
      for (const url of ["/indicators?value=198.51.100.23", "/rcas", "/action-items"]) {
        const admin = await req("GET", url, who.admin as Headers);
        expect(mentions(admin.body), url).toBe(true);
        const commander = await req("GET", url, who.commander as Headers);
        expect(mentions(commander.body), url).toBe(true);
      }
      const filtered = await req(
        "GET",
        `/action-items?incident=${secret.id}`,
        who.outsider as Headers,
      );
      const unknown = await req(
        "GET",
        `/action-items?incident=${MISSING_INCIDENT}`,
        who.outsider as Headers,
      );
      expect(filtered.statusCode).toBe(unknown.statusCode);
      const problems = (await req("GET", "/problems", who.outsider as Headers)).json();
      const problem = await req(
        "GET",
        `/problems/${problems.items[0].id}`,
        who.outsider as Headers,
      );
      expect(problem.statusCode).toBe(200);
      expect(problem.body).toContain(open.human_id);
      expect(mentions(problem.body)).toBe(false);
      const sightings = (
        await req("GET", "/indicators?value=198.51.100.23", who.outsider as Headers)
      ).json();
      expect(sightings.items).toHaveLength(1);
    });

    it("refuses a request naming it as one naming an unknown incident (merge, link, attach, RCA, action item)", async () => {
      const outsider = who.outsider as Headers;
      const probes: [string, string, (ref: string) => object | undefined][] = [
        ["POST", `/incidents/${open.id}/merge`, (ref) => ({ into: ref, reason: "same" })],
        ["POST", "/problems", (ref) => ({ title: "probe", incidents: [ref] })],
        ["POST", `/alerts/${openAlert}/attach`, (ref) => ({ incident: ref })],
        ["POST", "/rcas", (ref) => ({ incident: ref, scope: { summary: "probe" } })],
        [
          "POST",
          "/action-items",
          (ref) => ({ incident: ref, title: "probe", owner: "kenji-sato", due_at: "2030-01-01" }),
        ],
        ["GET", "/alerts?incident=REF", () => undefined],
        ["GET", "/rcas?incident=REF", () => undefined],
      ];
      for (const [method, url, body] of probes) {
        const ask = (ref: string) => req(method, url.replace("REF", ref), outsider, body(ref));
        const hidden = await ask(secret.human_id);
        const missing = await ask(MISSING_INCIDENT);
        const what = `${method} ${url}`;
        expect(hidden.statusCode, what).toBe(missing.statusCode);
        expect(hidden.body.replaceAll(secret.human_id, MISSING_INCIDENT), what).toBe(missing.body);
        expect(hidden.statusCode, what).not.toBeLessThan(method === "GET" ? 200 : 400);
      }
    });

    it("answers its RCA, action item and report, read or changed, as ones that do not exist", async () => {
      const admin = who.admin as Headers;
      const rca = (await ok("GET", `/rcas?incident=${secret.id}`, admin)).items[0].id as string;
      const item = (await ok("GET", `/action-items?incident=${secret.id}&items_only=true`, admin))
        .items[0].id as string;
      const report = (
        await ok("POST", `/incidents/${secret.id}/reports`, admin, {
          kind: "technical",
          format: "md",
        })
      ).id as string;
      const missing = "00000000-0000-4000-8000-00000000abcd";
      const probes: [string, string, object | undefined][] = [
        ["GET", "/rcas/ID", undefined],
        ["PUT", "/rcas/ID/scope", { summary: "widened" }],
        ["POST", "/rcas/ID/causes", { statement: "the share was open to all staff" }],
        ["PUT", "/rcas/ID/solution", { summary: "close the share" }],
        [
          "POST",
          "/rcas/ID/action-items",
          { title: "x", owner: "kenji-sato", due_at: "2030-01-01" },
        ],
        ["GET", "/action-items/ITEM", undefined],
        ["PATCH", "/action-items/ITEM", { owner: "kenji-sato" }],
        ["GET", "/reports/REPORT", undefined],
      ];
      for (const [method, url, body] of probes) {
        const at = (r: string) => url.replace("ID", r).replace("ITEM", r).replace("REPORT", r);
        const real = url.includes("ID") ? rca : url.includes("ITEM") ? item : report;
        const hidden = await req(method, at(real), who.outsider as Headers, body);
        const gone = await req(method, at(missing), who.outsider as Headers, body);
        const what = `${method} ${url}`;
        expect(hidden.statusCode, what).toBe(404);
        expect(hidden.body.replaceAll(real, missing), what).toBe(gone.body);
        const mine = await req(method, at(real), who.commander as Headers, body);
        // Past the visibility check: the commander meets the RCA's own rules, not a 404.
        expect([200, 201, 400], `commander ${what}: ${mine.body}`).toContain(mine.statusCode);
      }
    });

    it("leaves it out of the metrics before computing them", async () => {
      const admin = await ok("GET", "/metrics", who.admin as Headers);
      const outsider = await ok("GET", "/metrics", who.outsider as Headers);
      const commander = await ok("GET", "/metrics", who.commander as Headers);
      expect(outsider.incidents).toBe(admin.incidents - 1);
      expect(commander.incidents).toBe(admin.incidents);
      expect(Object.keys(outsider.by_type)).not.toContain("insider");
      expect(Object.keys(admin.by_type)).toContain("insider");
    });

    it("ends a live stream when its viewer stops taking part, before sending them anything more", async () => {
      const admin = who.admin as Headers;
      const inc = await ok("POST", "/incidents", admin, {
        title: "Streamed insider case",
        type: "insider",
        restricted: true,
        commander: "amara-okafor",
      });
      const role = await ok("POST", `/incidents/${inc.id}/roles`, admin, {
        role: "forensic-investigator",
        person: "jonas-weber",
      });
      const base = await app.listen({ port: 0, host: "127.0.0.1" });
      const stream = (as: string) =>
        fetch(`${base}/api/v1/incidents/${inc.id}/stream`, { headers: who[as] as Headers });
      expect((await stream("outsider")).status).toBe(404);
      const res = await stream("analyst");
      expect(res.status).toBe(200);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = "";
      /** Reads until `until` shows up (true) or the stream ends (false). */
      const readUntil = async (until: string): Promise<boolean> => {
        const deadline = Date.now() + 5000;
        while (!text.includes(until)) {
          const chunk = await Promise.race([
            reader.read(),
            new Promise<never>((_, reject) =>
              setTimeout(() => reject(new Error(`no "${until}" in time`)), deadline - Date.now()),
            ),
          ]);
          if (chunk.done) return false;
          text += new TextDecoder().decode(chunk.value);
        }
        return true;
      };
      await ok("POST", `/incidents/${inc.id}/notes`, admin, { text: "first note: seen" });
      expect(await readUntil("first note: seen")).toBe(true);
      await ok("POST", `/incidents/${inc.id}/roles/${role.id}/release`, admin, { reason: "done" });
      await ok("POST", `/incidents/${inc.id}/notes`, admin, { text: "second note: not for jonas" });
      expect(await readUntil("second note")).toBe(false);
      expect(text).not.toContain("second note");
    });

    it("lets whoever declared a restricted incident see it, and nobody else who is not in it", async () => {
      const mine = await ok("POST", "/incidents", who.outsider as Headers, {
        title: "Contractor badge misuse",
        type: "insider",
        restricted: true,
      });
      const ref = mine.human_id as string;
      expect((await req("GET", `/incidents/${ref}`, who.outsider as Headers)).statusCode).toBe(200);
      expect((await req("GET", `/incidents/${ref}`, who.commander as Headers)).statusCode).toBe(
        404,
      );
      expect((await req("GET", `/incidents/${ref}`, who.admin as Headers)).statusCode).toBe(200);
    });
  });
