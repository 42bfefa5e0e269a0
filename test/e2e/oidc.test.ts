import { createServer } from "node:net";
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from "jose";
import Provider from "oidc-provider";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/auth/user.service.js";
import { loadConfig } from "../../src/config.js";
import { BUILTIN_LIBRARY_DIR } from "../../src/documents/library.js";
import { systemActor } from "../../src/domain/actor.js";
import { loadLibraryIfEmpty, type Runtime, runtimeFor } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { browserMissing, LAPTOP, launchBrowser, screenshotFailure } from "./support/browser.js";
import { ensureWebBuilt } from "./support/web-build.js";

/**
 * Single sign-on end to end: a real OpenID provider (`oidc-provider`) on loopback, Firebreak
 * configured against it with passwords turned off, and Chromium signing in through the
 * provider's own login page. The provider runs at `localhost`, Firebreak at `127.0.0.1`: two
 * sites, so the trip back from the provider is cross-site as it is in real life.
 */

const CLIENT_SECRET = "a-client-secret-of-enough-length-for-tests";
const BREAK_GLASS = { email: "root@example.org", password: "Break-Glass-Lantern-9" };
const LOCAL = { email: "amara@example.org", password: "Correct-horse-battery-1" };

/** The provider's accounts: login name → claims (groups change during the run). */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  tomas: {
    email: "tomas@example.org",
    email_verified: true,
    name: "Tomas Lindqvist",
    groups: ["firebreak-responders"],
  },
  noor: {
    email: "noor@example.org",
    email_verified: true,
    name: "Noor Haddad",
    groups: ["staff", "firebreak-admins"],
  },
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

describe.skipIf(browserMissing)("single sign-on through a real OpenID provider", () => {
  let provider: Provider;
  let providerServer: ReturnType<Provider["listen"]>;
  let rt: Runtime;
  let app: App;
  let base: string;
  let browser: Browser;
  /** Rewrites the ID token of the next token answers (signed with the provider's own key). */
  let tamper: ((claims: Record<string, unknown>) => Record<string, unknown>) | undefined;

  beforeAll(async () => {
    await ensureWebBuilt();
    const [fbPort, idpPort] = [await freePort(), await freePort()];
    base = `http://127.0.0.1:${fbPort}`;
    const issuer = `http://localhost:${idpPort}`;

    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };
    provider = new Provider(issuer, {
      clients: [
        {
          client_id: "firebreak",
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${base}/api/v1/auth/oidc/callback`],
          grant_types: ["authorization_code"],
          response_types: ["code"],
        },
      ],
      jwks: { keys: [jwk] },
      cookies: { keys: ["a-cookie-key-for-the-test-provider"] },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
      claims: { email: ["email", "email_verified"], profile: ["name", "groups"] },
      findAccount: (_ctx, id) =>
        ACCOUNTS[id]
          ? { accountId: id, claims: async () => ({ sub: id, ...ACCOUNTS[id] }) }
          : undefined,
    });
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { id_token?: string } | undefined;
      if (tamper && ctx.path === "/token" && body?.id_token) {
        const claims = tamper(decodeJwt(body.id_token) as Record<string, unknown>);
        const idToken = await new SignJWT(claims)
          .setProtectedHeader({ alg: "RS256", kid: "test-key" })
          .sign(privateKey);
        ctx.body = { ...body, id_token: idToken };
      }
    });
    providerServer = provider.listen(idpPort, "127.0.0.1");

    const config = loadConfig(
      { library: [BUILTIN_LIBRARY_DIR], logLevel: "silent", publicUrl: base },
      {
        FIREBREAK_OIDC_ISSUER: issuer,
        FIREBREAK_OIDC_CLIENT_ID: "firebreak",
        FIREBREAK_OIDC_CLIENT_SECRET: CLIENT_SECRET,
        FIREBREAK_OIDC_NAME: "Test IdP",
        FIREBREAK_OIDC_ROLE_GROUPS: "firebreak-admins=admin, firebreak-responders=responder",
        FIREBREAK_OIDC_PASSWORD_SIGN_IN: "off",
        FIREBREAK_OIDC_BREAK_GLASS: BREAK_GLASS.email,
      },
    );
    rt = runtimeFor(config, await (TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number]).open());
    await loadLibraryIfEmpty(rt);
    const test = systemActor("test");
    await createUser(rt, { ...BREAK_GLASS, name: "Break Glass", role: "admin" }, test);
    await createUser(rt, { ...LOCAL, name: "Amara Okafor", role: "responder" }, test);
    app = await buildApp(rt, { logger: false });
    await app.listen({ port: fbPort, host: "127.0.0.1" });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await rt?.close();
    providerServer?.close();
  });

  /** A page in a fresh browser (no session at Firebreak or at the provider). */
  async function freshPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: LAPTOP });
    const page = await context.newPage();
    page.on("pageerror", (e) => {
      throw e;
    });
    return page;
  }

  /** The provider's development login and consent pages, as a person fills them in. */
  async function atProvider(page: Page, login: string) {
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
  }

  const whoAmI = (page: Page) =>
    page.evaluate(async () => (await fetch("/api/v1/session")).json()) as Promise<{
      role: string;
      user: { email: string };
    }>;

  async function withPage(name: string, run: (page: Page) => Promise<void>) {
    const page = await freshPage();
    try {
      await run(page);
    } catch (e) {
      await screenshotFailure(page, name);
      throw e;
    } finally {
      await page.context().close();
    }
  }

  it("signs a responder in through the provider's login page; the password form is hidden", async () => {
    await withPage("oidc-responder", async (page) => {
      await page.goto(base);
      await page.getByRole("button", { name: "Break-glass sign-in" }).waitFor();
      expect(await page.getByLabel("Password").count()).toBe(0);
      await page.getByRole("link", { name: "Sign in with Test IdP" }).click();
      await atProvider(page, "tomas");
      await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
      const me = await whoAmI(page);
      expect(me.user.email).toBe("tomas@example.org");
      expect(me.role).toBe("responder");
    });
  }, 60_000);

  it("makes an admin group member an admin, and takes admin away when they leave the group", async () => {
    await withPage("oidc-admin", async (page) => {
      await page.goto(base);
      await page.getByRole("link", { name: "Sign in with Test IdP" }).click();
      await atProvider(page, "noor");
      await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
      expect((await whoAmI(page)).role).toBe("admin");

      (ACCOUNTS.noor as { groups: string[] }).groups = ["staff", "firebreak-responders"];
      // Signed in at the provider already: it sends the browser straight back.
      await page.goto(`${base}/api/v1/auth/oidc/start`);
      await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
      expect((await whoAmI(page)).role).toBe("responder");
      expect((await rt.identity.findByEmail("noor@example.org"))?.user.role).toBe("responder");
    });
  }, 60_000);

  it("refuses an ID token for another client, an expired one, and a replayed state", async () => {
    await withPage("oidc-refusals", async (page) => {
      const refused = page.getByText("Not signed in: The identity provider's answer failed");
      tamper = (c) => ({ ...c, aud: "another-client" });
      await page.goto(`${base}/api/v1/auth/oidc/start`);
      await atProvider(page, "tomas");
      await refused.waitFor();
      expect(new URL(page.url()).search).toBe("");
      expect((await whoAmI(page)).user).toBeUndefined();

      const now = Math.floor(Date.now() / 1000);
      tamper = (c) => ({ ...c, iat: now - 7200, exp: now - 3600 });
      await page.goto(`${base}/api/v1/auth/oidc/start`);
      await refused.waitFor();
      tamper = undefined;

      // A good sign-in, its callback (with the browser's cookie) noted and sent again.
      let callback: { url: string; cookie: string } | undefined;
      page.on("request", async (r) => {
        if (r.url().includes("/api/v1/auth/oidc/callback"))
          callback = { url: r.url(), cookie: (await r.allHeaders()).cookie ?? "" };
      });
      await page.goto(`${base}/api/v1/auth/oidc/start`);
      await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
      expect(callback?.cookie).toContain("firebreak_oidc=");
      const replay = await fetch(callback?.url ?? "", {
        headers: { cookie: callback?.cookie ?? "" },
        redirect: "manual",
      });
      expect(replay.status).toBe(302);
      expect(replay.headers.get("location")).toBe("/?sso_error=state");
      expect(replay.headers.get("set-cookie") ?? "").not.toContain("firebreak_session=");

      const failures = await rt.audit.list({ action: "sign_in.failed" }, 10);
      const reasons = failures.map((f) => JSON.parse(f.details).reason);
      expect(reasons).toEqual(["state", "token", "token"]);
    });
  }, 60_000);

  it("refuses password sign-in with passwords off, except for the break-glass admin", async () => {
    const signIn = (body: object) =>
      fetch(`${base}/api/v1/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const refused = await signIn(LOCAL);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect((await refused.json()).detail).toContain("password sign-in is turned off");

    await withPage("oidc-break-glass", async (page) => {
      await page.goto(base);
      await page.getByRole("button", { name: "Break-glass sign-in" }).click();
      await page.getByLabel("E-mail").fill(BREAK_GLASS.email);
      await page.getByLabel("Password").fill(BREAK_GLASS.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
      expect((await whoAmI(page)).role).toBe("admin");
    });
  }, 60_000);
});
