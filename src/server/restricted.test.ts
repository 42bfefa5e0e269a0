import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { userWithToken } from "../../test/support/identity.js";
import { testRuntime } from "../../test/support/runtime.js";
import type { Runtime } from "../runtime.js";
import { type App, buildApp } from "./app.js";
import { registeredRoutes } from "./route-registry.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];
type Headers = Record<string, string>;

/**
 * A restricted incident (an insider case) must not show to a non-participant through any route:
 * the list and its search, every route under /incidents/:id (including the live stream), and
 * the cross-incident lists (indicators, clocks, problems); naming it in a request answers as if
 * it did not exist. Participants — commander, declarer, role holders — and admins see it.
 */
describe("restricted incidents", () => {
  let rt: Runtime;
  let app: App;
  const who: Record<string, Headers> = {};
  let secret: { id: string; human_id: string };
  let open: { id: string; human_id: string };

  const req = (method: string, url: string, headers: Headers, payload?: unknown) =>
    app.inject({
      method: method as "GET",
      url: `/api/v1${url}`,
      headers,
      payload: payload as object,
    });

  beforeAll(async () => {
    rt = await testRuntime(sqlite);
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

    const declare = async (body: object) => {
      const res = await req("POST", "/incidents", who.admin as Headers, body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; human_id: string };
    };
    secret = await declare({
      title: "Payroll clerk copying salary files",
      type: "insider",
      restricted: true,
      commander: "amara-okafor",
    });
    open = await declare({ title: "Phishing wave", type: "phishing" });
    const role = await req("POST", `/incidents/${secret.id}/roles`, who.admin as Headers, {
      role: "forensic-investigator",
      person: "jonas-weber",
    });
    expect(role.statusCode, role.body).toBeLessThan(300);
    for (const inc of [secret, open]) {
      const ioc = await req("POST", `/incidents/${inc.id}/indicators`, who.admin as Headers, {
        type: "ip",
        value: "198.51.100.23",
      });
      expect(ioc.statusCode, ioc.body).toBeLessThan(300);
    }
    const problem = await req("POST", "/problems", who.admin as Headers, {
      title: "Shared drive permissions too wide",
      incidents: [secret.human_id, open.human_id],
    });
    expect(problem.statusCode, problem.body).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await rt.close();
  });

  const mentions = (body: string) => body.includes(secret.id) || body.includes(secret.human_id);

  it("lists and finds it only for participants and admins", async () => {
    for (const [name, headers] of Object.entries(who)) {
      const list = await req("GET", "/incidents", headers);
      const search = await req("GET", "/incidents?q=payroll", headers);
      const visible = ["admin", "commander", "analyst"].includes(name);
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
      for (const name of ["outsider", "observer"]) {
        const hidden = await req(r.method, url(secret.human_id), who[name] as Headers, body);
        const missing = await req(r.method, url("INC-1999-0001"), who[name] as Headers, body);
        const what = `${name} ${r.method} ${r.url}`;
        expect(hidden.statusCode, what).toBe(missing.statusCode);
        expect([400, 403, 404], what).toContain(hidden.statusCode);
        expect(hidden.json().detail, what).toBe(
          missing.json().detail.replace("INC-1999-0001", secret.human_id),
        );
        expect(hidden.body.replace(secret.human_id, ""), what).not.toContain(secret.id);
      }
    }
    for (const name of ["admin", "commander", "analyst"]) {
      const res = await req("GET", `/incidents/${secret.human_id}/timeline`, who[name] as Headers);
      expect(res.statusCode, name).toBe(200);
    }
  }, 120_000);

  it("keeps it out of indicator sightings, clocks and problems' linked incidents", async () => {
    for (const url of ["/indicators?value=198.51.100.23", "/clocks", "/problems"]) {
      const outsider = await req("GET", url, who.outsider as Headers);
      expect(outsider.statusCode, url).toBe(200);
      expect(mentions(outsider.body), url).toBe(false);
    }
    const admin = await req("GET", "/indicators?value=198.51.100.23", who.admin as Headers);
    expect(mentions(admin.body)).toBe(true);
    const problems = (await req("GET", "/problems", who.outsider as Headers)).json();
    const problem = await req("GET", `/problems/${problems.items[0].id}`, who.outsider as Headers);
    expect(problem.statusCode).toBe(200);
    expect(problem.body).toContain(open.human_id);
    expect(mentions(problem.body)).toBe(false);
    const asAdmin = await req("GET", `/problems/${problems.items[0].id}`, who.admin as Headers);
    expect(mentions(asAdmin.body)).toBe(true);
    const sightings = (
      await req("GET", "/indicators?value=198.51.100.23", who.outsider as Headers)
    ).json();
    expect(sightings.items).toHaveLength(1);
  });

  it("refuses a request naming it as one naming an unknown incident (merge, link, attach, filter)", async () => {
    const outsider = who.outsider as Headers;
    const probes: [string, string, (ref: string) => object | undefined][] = [
      ["POST", `/incidents/${open.id}/merge`, (ref) => ({ into: ref, reason: "same" })],
      ["POST", "/problems", (ref) => ({ title: "probe", incidents: [ref] })],
      ["POST", "/alerts/x/attach", (ref) => ({ incident: ref })],
      ["GET", "/alerts?incident=REF", () => undefined],
    ];
    for (const [method, url, body] of probes) {
      const ask = (ref: string) => req(method, url.replace("REF", ref), outsider, body(ref));
      const hidden = await ask(secret.human_id.toLowerCase());
      const missing = await ask("inc-1999-0001");
      // Refused like an unknown incident (its use case may say 400 where we say 404: existence
      // alone is no secret — human ids are sequential — and nothing of it shows).
      expect([missing.statusCode, 404], `${method} ${url}`).toContain(hidden.statusCode);
      if (hidden.statusCode === 404) expect(hidden.json().detail).toMatch(/does not exist/);
      else
        expect(hidden.json().items ?? [], `${method} ${url}`).toEqual(missing.json().items ?? []);
      expect(mentions(hidden.body.replace(secret.human_id.toLowerCase(), ""))).toBe(false);
      expect(hidden.statusCode, `${method} ${url}`).not.toBeLessThan(method === "GET" ? 200 : 400);
    }
  });

  it("lets whoever declared a restricted incident see it, and nobody else who is not in it", async () => {
    const mine = await req("POST", "/incidents", who.outsider as Headers, {
      title: "Contractor badge misuse",
      type: "insider",
      restricted: true,
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const ref = mine.json().human_id as string;
    expect((await req("GET", `/incidents/${ref}`, who.outsider as Headers)).statusCode).toBe(200);
    expect((await req("GET", `/incidents/${ref}`, who.commander as Headers)).statusCode).toBe(404);
    expect((await req("GET", `/incidents/${ref}`, who.admin as Headers)).statusCode).toBe(200);
  });
});
