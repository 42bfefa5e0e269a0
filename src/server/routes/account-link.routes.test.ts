import { beforeEach, describe, expect, it } from "vitest";
import { appPerTest } from "../../../test/support/app.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { PASSWORD, signInOver, userWithToken } from "../../../test/support/identity.js";
import { fixedClock } from "../../domain/clock.js";

const cookieOf = (setCookie: string | string[] | undefined) =>
  String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(";")[0] as string;

const NEW_PASSWORD = "a long and new pass phrase";

describe.each(TEST_DIALECTS)("invitation and password-reset links on $name", (dialect) => {
  const clock = fixedClock("2026-03-02T09:00:00Z");
  const served = appPerTest(dialect, { clock });
  beforeEach(() => clock.set("2026-03-02T09:00:00Z"));

  const admin = () => userWithToken(served.rt, "admin");
  const invite = (headers: Record<string, string>, email = "grace@example.org") =>
    served.app.inject({
      method: "POST",
      url: "/api/v1/users/invitations",
      headers,
      payload: { email, name: "Grace Hopper", role: "responder" },
    });
  const tokenOf = (link: string) => link.split("/welcome/")[1] as string;
  const look = (token: string) =>
    served.app.inject({ method: "GET", url: `/api/v1/account-links/${token}` });
  const redeem = (token: string, password = NEW_PASSWORD) =>
    served.app.inject({
      method: "POST",
      url: `/api/v1/account-links/${token}`,
      payload: { password },
    });

  it("invites a user who chooses a password, is signed in, and can sign in again", async () => {
    const { headers } = await admin();
    const res = await invite({ ...headers, host: "firebreak.test:8080" });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({ email: "grace@example.org", role: "responder" });
    expect(body.link).toMatch(/^http:\/\/firebreak\.test:8080\/welcome\/[\w-]{40,}$/);
    expect(body.expires_at).toBe("2026-03-09T09:00:00.000Z");
    const token = tokenOf(body.link);
    // Only the hash is kept, and the user has no password yet.
    const rows = await served.rt.db.kysely.selectFrom("account_links").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((await signInOver(served.app, "grace@example.org", NEW_PASSWORD)).statusCode).toBe(401);

    expect((await look(token)).json()).toEqual({
      purpose: "invite",
      email: "grace@example.org",
      name: "Grace Hopper",
      expires_at: "2026-03-09T09:00:00.000Z",
    });
    const short = await redeem(token, "short");
    expect(short.statusCode).toBe(400);
    const ok = await redeem(token);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ via: "session", user: { email: "grace@example.org" } });
    const me = await served.app.inject({
      method: "GET",
      url: "/api/v1/session",
      headers: { cookie: cookieOf(ok.headers["set-cookie"]) },
    });
    expect(me.json()).toMatchObject({ via: "session", role: "responder" });
    expect((await signInOver(served.app, "grace@example.org", NEW_PASSWORD)).statusCode).toBe(200);

    // Used once: the same link is gone, for reading and for redeeming.
    for (const again of [await look(token), await redeem(token, "yet another pass phrase")]) {
      expect(again.statusCode).toBe(404);
      expect(again.json().detail).toBe("this link is no longer valid");
    }
    expect((await served.rt.audit.list({ action: "account_link.accepted" }, 5)).length).toBe(1);
  });

  it("names the public URL in links when one is set, and refuses non-admins", async () => {
    const { buildApp } = await import("../app.js");
    const config = { ...served.rt.config, publicUrl: "https://firebreak.example.org/" };
    const app = await buildApp({ ...served.rt, config }, { logger: false });
    try {
      const { headers } = await admin();
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/users/invitations",
        headers,
        payload: { email: "kim@example.org", name: "Kim", role: "observer" },
      });
      expect(res.json().link).toMatch(/^https:\/\/firebreak\.example\.org\/welcome\/[\w-]+$/);
    } finally {
      await app.close();
    }
    const responder = await userWithToken(served.rt, "responder");
    expect((await invite(responder.headers)).statusCode).toBe(403);
  });

  it("lets an invitation expire after 7 days", async () => {
    const { headers } = await admin();
    const token = tokenOf((await invite(headers)).json().link);
    clock.advance(7 * 24 * 60 * 60_000);
    expect((await look(token)).statusCode).toBe(404);
    expect((await redeem(token)).statusCode).toBe(404);
    expect((await look("no-such-token")).statusCode).toBe(404);
  });

  it("resets a password with a 24-hour link that voids older ones and ends other sessions", async () => {
    const { headers } = await admin();
    const { user } = await userWithToken(served.rt, "observer");
    const before = await signInOver(served.app, user.email);
    const oldCookie = cookieOf(before.headers["set-cookie"]);
    const link = () =>
      served.app.inject({
        method: "POST",
        url: `/api/v1/users/${user.id}/password-link`,
        headers,
      });
    const first = await link();
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().expires_at).toBe("2026-03-03T09:00:00.000Z");
    const second = await link();
    expect((await look(tokenOf(first.json().link))).statusCode).toBe(404);
    const token = tokenOf(second.json().link);
    expect((await look(token)).json()).toMatchObject({ purpose: "reset", email: user.email });

    const ok = await redeem(token);
    expect(ok.statusCode).toBe(200);
    const old = await served.app.inject({
      method: "GET",
      url: "/api/v1/session",
      headers: { cookie: oldCookie },
    });
    expect(old.statusCode).toBe(401);
    expect((await signInOver(served.app, user.email, PASSWORD)).statusCode).toBe(401);
    expect((await signInOver(served.app, user.email, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it("uses a link once however many requests race", async () => {
    const { headers } = await admin();
    const token = tokenOf((await invite(headers)).json().link);
    const results = await Promise.all([redeem(token), redeem(token), redeem(token)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 404, 404]);
  });

  it("does not let a disabled user redeem", async () => {
    const { headers } = await admin();
    const invited = (await invite(headers)).json();
    await served.app.inject({
      method: "PATCH",
      url: `/api/v1/users/${invited.user.id}`,
      headers,
      payload: { disabled: true },
    });
    const token = tokenOf(invited.link);
    expect((await look(token)).statusCode).toBe(404);
    expect((await redeem(token)).statusCode).toBe(404);
    const reset = await served.app.inject({
      method: "POST",
      url: `/api/v1/users/${invited.user.id}/password-link`,
      headers,
    });
    expect(reset.statusCode).toBe(409);
  });
});
