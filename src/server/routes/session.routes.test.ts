import { describe, expect, it } from "vitest";
import { appPerTest } from "../../../test/support/app.js";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { signInOver, userWithToken } from "../../../test/support/identity.js";
import { fixedClock } from "../../domain/clock.js";
import { buildApp } from "../app.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

/** The `name=value` of a Set-Cookie header, to send back as a Cookie header. */
const cookieOf = (setCookie: string | string[] | undefined) =>
  String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(";")[0] as string;

describe("sessions", () => {
  const clock = fixedClock("2026-03-02T09:00:00Z");
  const served = appPerTest(sqlite, { clock });

  const signIn = (email: string, password?: string, ip?: string) =>
    signInOver(served.app, email, password, ip);
  /** Who the session cookie signs in, if anyone (`GET /api/v1/session`). */
  const whoIs = (cookie: string) =>
    served.app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie } });

  it("signs in with a hardened cookie, says who is signed in, and signs out", async () => {
    const { user } = await userWithToken(served.rt, "responder");
    const res = await signIn(user.email.toUpperCase());
    expect(res.statusCode, res.body).toBe(200);
    const setCookie = String(res.headers["set-cookie"]);
    expect(setCookie).toMatch(/^firebreak_session=[\w-]{40,};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).not.toContain("Secure"); // plain http here
    const body = res.json();
    expect(body.user.email).toBe(user.email);
    expect(body.csrf_token).toMatch(/^[\w-]{20,}$/);
    // The stored session is a hash, never the cookie's value.
    const cookie = cookieOf(res.headers["set-cookie"]);
    const rows = await served.rt.db.kysely.selectFrom("sessions").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(cookie.split("=")[1]);

    const me = await whoIs(cookie);
    expect(me.json()).toMatchObject({
      via: "session",
      role: "responder",
      csrf_token: body.csrf_token,
    });

    const out = await served.app.inject({
      method: "DELETE",
      url: "/api/v1/session",
      headers: { cookie, "x-csrf-token": body.csrf_token },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toContain("Max-Age=0");
    const after = await whoIs(cookie);
    expect(after.statusCode).toBe(401);
  });

  it("sets Secure on the cookie when the public URL is https", async () => {
    const config = { ...served.rt.config, publicUrl: "https://firebreak.example.org" };
    const secure = await buildApp({ ...served.rt, config }, { logger: false });
    try {
      const { user } = await userWithToken(served.rt, "observer");
      const res = await signInOver(secure, user.email);
      expect(String(res.headers["set-cookie"])).toContain("; Secure");
      expect(res.headers["strict-transport-security"]).toContain("max-age=");
    } finally {
      await secure.close();
    }
  });

  it("refuses changes made with the cookie but without the CSRF token or from another origin", async () => {
    const { user } = await userWithToken(served.rt, "responder");
    const res = await signIn(user.email);
    const cookie = cookieOf(res.headers["set-cookie"]);
    const csrf = res.json().csrf_token as string;
    const declare = (headers: Record<string, string>) =>
      served.app.inject({
        method: "POST",
        url: "/api/v1/incidents",
        headers: { cookie, ...headers },
        payload: { title: "Phish", type: "phishing" },
      });
    expect((await declare({})).statusCode).toBe(403);
    expect((await declare({ "x-csrf-token": "forged" })).statusCode).toBe(403);
    expect(
      (await declare({ "x-csrf-token": csrf, origin: "https://evil.example" })).statusCode,
    ).toBe(403);
    const ok = await declare({ "x-csrf-token": csrf });
    expect(ok.statusCode, ok.body).toBe(201);
    // Reads need no token.
    const list = await served.app.inject({
      method: "GET",
      url: "/api/v1/incidents",
      headers: { cookie },
    });
    expect(list.statusCode).toBe(200);
  });

  it("ends sessions after the idle time and after the absolute lifetime", async () => {
    const { user } = await userWithToken(served.rt, "observer");

    const idle = cookieOf((await signIn(user.email)).headers["set-cookie"]);
    clock.advance(7 * 3600_000);
    expect((await whoIs(idle)).statusCode).toBe(200);
    clock.advance(7 * 3600_000); // 7 h since the last request: still within 8 h idle
    expect((await whoIs(idle)).statusCode).toBe(200);
    clock.advance(8 * 3600_000 + 1);
    expect((await whoIs(idle)).statusCode).toBe(401);

    const busy = cookieOf((await signIn(user.email)).headers["set-cookie"]);
    for (let h = 0; h < 23; h++) {
      clock.advance(3600_000);
      expect((await whoIs(busy)).statusCode).toBe(200);
    }
    clock.advance(3600_000);
    expect((await whoIs(busy)).statusCode).toBe(401);
  });

  it("refuses wrong passwords, unknown and disabled accounts alike, and audits each", async () => {
    const { user } = await userWithToken(served.rt, "responder");
    const wrong = await signIn(user.email, "not the password at all");
    const unknown = await signIn("nobody@example.org");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    await served.rt.identity.updateUser(user.id, {
      disabled: true,
      updated_at: clock.now().toISOString(),
    });
    const disabled = await signIn(user.email);
    expect(disabled.statusCode).toBe(401);
    expect(disabled.json().detail).toBe(wrong.json().detail);
    const audit = await served.rt.audit.list({ action: "sign_in.failed" }, 10);
    expect(audit.map((a) => JSON.parse(a.details).reason).sort()).toEqual([
      "disabled",
      "unknown_account",
      "wrong_password",
    ]);
    expect(JSON.stringify(audit)).not.toContain("not the password at all");
  });
});
