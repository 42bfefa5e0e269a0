import { beforeEach, describe, expect, it } from "vitest";
import { appPerTest } from "../../../test/support/app.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { PASSWORD, userWithToken } from "../../../test/support/identity.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];
type Headers = Record<string, string>;

describe("users and what they may do on incidents", () => {
  let admin: Headers;
  const served = appPerTest(sqlite);
  beforeEach(async () => {
    admin = (await userWithToken(served.rt, "admin")).headers;
  });

  const req = (method: string, url: string, headers: Headers, payload?: object) =>
    served.app.inject({ method: method as "GET", url: `/api/v1${url}`, headers, payload });

  it("lets admins create, change and disable users, ending their sessions, all on record", async () => {
    const created = await req("POST", "/users", admin, {
      email: "Kenji@Example.org",
      name: "Kenji Sato",
      role: "observer",
      person_id: "kenji-sato",
      password: PASSWORD,
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json();
    expect(created.body).not.toContain(PASSWORD);
    const signIn = await req(
      "POST",
      "/session",
      {},
      { email: "kenji@example.org", password: PASSWORD },
    );
    const cookie = String(signIn.headers["set-cookie"]).split(";")[0] as string;
    expect((await req("GET", "/session", { cookie })).statusCode).toBe(200);

    const promoted = await req("PATCH", `/users/${user.email}`, admin, { role: "responder" });
    expect(promoted.json().role).toBe("responder");
    expect((await req("GET", "/session", { cookie })).statusCode).toBe(401);

    const disabled = await req("PATCH", `/users/${user.id}`, admin, { disabled: true });
    expect(disabled.json().disabled).toBe(true);
    const again = await req(
      "POST",
      "/session",
      {},
      { email: "kenji@example.org", password: PASSWORD },
    );
    expect(again.statusCode).toBe(401);

    const log = await req("GET", "/audit?limit=50", admin);
    const actions = log.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "user.created",
        "user.updated",
        "user.disabled",
        "sign_in.succeeded",
        "sign_in.failed",
      ]),
    );
    expect(log.body).not.toContain(PASSWORD);
    expect((await req("GET", "/audit/verify", admin)).json()).toMatchObject({ intact: true });
  });

  it("gives admins every authority and others the authority of their plan person", async () => {
    const declared = await req("POST", "/incidents", admin, {
      title: "Ransom note on FS01",
      type: "ransomware",
      commander: "amara-okafor",
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const id = declared.json().human_id;
    const override = (headers: Headers) =>
      req("POST", `/incidents/${id}/advance`, headers, {
        override: true,
        reason: "contained by hand",
      });

    const operations = (
      await userWithToken(served.rt, "responder", "write", { person_id: "kenji-sato" })
    ).headers;
    const unmapped = (await userWithToken(served.rt, "responder")).headers;
    for (const h of [operations, unmapped]) {
      const res = await override(h);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().type).toBe("/problems/forbidden");
    }
    const commander = (
      await userWithToken(served.rt, "responder", "write", { person_id: "amara-okafor" })
    ).headers;
    const byCommander = await override(commander);
    expect(byCommander.statusCode, byCommander.body).toBe(200);
    const byAdmin = await override(admin);
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    const timeline = await req("GET", `/incidents/${id}/timeline`, admin);
    const actors = timeline.json().items.map((e: { actor: { id: string } }) => e.actor.id);
    expect(actors).toContain("amara-okafor");
  });
});
