import { afterEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { inviteUser } from "../../auth/account-link.service.js";
import { loadConfig } from "../../config.js";
import { BUILTIN_LIBRARY_DIR } from "../../documents/library.js";
import { systemActor } from "../../domain/actor.js";
import { type Runtime, runtimeFor } from "../../runtime.js";
import { type App, buildApp } from "../app.js";

/**
 * The single sign-on routes' answers without a provider behind them (the whole trip through a
 * real provider is test/e2e/oidc.test.ts): what the sign-in page is told, and that failures are
 * redirects to the sign-in page, never 5xx.
 */
describe("single sign-on routes", () => {
  let rt: Runtime | undefined;
  let app: App | undefined;

  async function serve(env: Record<string, string>) {
    const config = loadConfig({ library: [BUILTIN_LIBRARY_DIR], logLevel: "silent" }, env);
    rt = runtimeFor(config, await (TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number]).open());
    app = await buildApp(rt, { logger: false });
    return app;
  }
  afterEach(async () => {
    await app?.close();
    await rt?.close();
  });

  it("tells the sign-in page there is no single sign-on, and has no start without one", async () => {
    const served = await serve({});
    const methods = await served.inject({ method: "GET", url: "/api/v1/auth/methods" });
    expect(methods.json()).toEqual({ password: true, sso: null });
    const start = await served.inject({ method: "GET", url: "/api/v1/auth/oidc/start" });
    expect(start.statusCode).toBe(404);
    expect(start.headers["content-type"]).toContain("application/problem+json");
  });

  it("sends the browser back to the sign-in page with a reason when anything fails", async () => {
    const served = await serve({
      FIREBREAK_PUBLIC_URL: "http://127.0.0.1:8080",
      // Nothing listens on port 1: discovery fails.
      FIREBREAK_OIDC_ISSUER: "http://127.0.0.1:1",
      FIREBREAK_OIDC_CLIENT_ID: "firebreak",
      FIREBREAK_OIDC_NAME: "Corp SSO",
      FIREBREAK_OIDC_PASSWORD_SIGN_IN: "off",
    });
    const methods = await served.inject({ method: "GET", url: "/api/v1/auth/methods" });
    expect(methods.json()).toEqual({
      password: false,
      sso: { name: "Corp SSO", start: "/api/v1/auth/oidc/start" },
    });

    const start = await served.inject({ method: "GET", url: "/api/v1/auth/oidc/start" });
    expect([start.statusCode, start.headers.location]).toEqual([302, "/?sso_error=provider"]);

    // No sign-in under way for this browser: whatever the query says, it is the state's fault.
    for (const query of ["?code=x&state=y", "", "?state=%ZZ&code=%E2%80", "?error=access_denied"]) {
      const back = await served.inject({
        method: "GET",
        url: `/api/v1/auth/oidc/callback${query}`,
        headers: { cookie: "firebreak_oidc=forged" },
      });
      expect([back.statusCode, back.headers.location], query).toEqual([302, "/?sso_error=state"]);
      expect(String(back.headers["set-cookie"])).toContain("firebreak_oidc=;");
      expect(String(back.headers["set-cookie"])).not.toContain("firebreak_session");
    }
    // A NUL is refused before any route, as everywhere (problem+json, not a redirect).
    const nul = await served.inject({ method: "GET", url: "/api/v1/auth/oidc/callback?code=%00" });
    expect(nul.statusCode).toBe(400);
    expect(nul.headers["content-type"]).toContain("application/problem+json");
    const failures = await rt?.audit.list({ action: "sign_in.failed" }, 10);
    expect(failures?.map((f) => JSON.parse(f.details).reason)).toEqual([
      "state",
      "state",
      "state",
      "state",
    ]);
  });

  it("refuses an invitation link's password while passwords are off, except a break-glass admin's", async () => {
    const served = await serve({
      FIREBREAK_PUBLIC_URL: "http://127.0.0.1:8080",
      FIREBREAK_OIDC_ISSUER: "http://127.0.0.1:1",
      FIREBREAK_OIDC_CLIENT_ID: "firebreak",
      FIREBREAK_OIDC_PASSWORD_SIGN_IN: "off",
      FIREBREAK_OIDC_BREAK_GLASS: "root@example.org",
    });
    const invite = (email: string) =>
      inviteUser(rt as Runtime, { email, name: email, role: "admin" }, systemActor("test"));
    const redeem = (token: string) =>
      served.inject({
        method: "POST",
        url: `/api/v1/account-links/${token}`,
        payload: { password: "Quiet-Harbour-Signal-7" },
      });
    const someone = await redeem((await invite("ann@example.org")).token);
    expect(someone.statusCode).toBe(403);
    expect(someone.json().detail).toContain("password sign-in is turned off");
    const root = await redeem((await invite("root@example.org")).token);
    expect(root.statusCode, root.body).toBe(200);
  });
});
