import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inviteUser } from "../../src/auth/account-link.service.js";
import { currentSetupCode } from "../../src/auth/setup.service.js";
import { systemActor } from "../../src/domain/actor.js";
import type { Runtime } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { testRuntime } from "../support/runtime.js";
import { seriousViolations } from "./support/axe.js";
import { browserMissing, LAPTOP, launchBrowser, screenshotFailure } from "./support/browser.js";
import { ensureWebBuilt } from "./support/web-build.js";

/**
 * The first admin in the browser with the setup code, then an invited user choosing a password:
 * both signed in without ever seeing "wrong password". (The whole first run: first-run-journey.)
 */
describe.skipIf(browserMissing)("first start and an invitation in the browser", () => {
  let rt: Runtime;
  let app: App;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt();
    rt = await testRuntime(TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number]);
    app = await buildApp(rt, { logger: false });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await rt?.close();
  });

  it("sets up the first admin from the sign-in page, then welcomes an invited user", async () => {
    const page = await browser.newPage({ viewport: LAPTOP });
    try {
      const code = (await currentSetupCode(rt)) as string;
      await page.goto(base);
      await page.getByRole("link", { name: "set it up" }).click();
      await page.getByRole("heading", { name: "Set up Firebreak" }).waitFor();
      expect(await seriousViolations(page), "axe on /setup").toEqual([]);
      await page.getByLabel("Setup code").fill(code.toLowerCase());
      await page.getByLabel("Your name").fill("Noor Haddad");
      await page.getByLabel("E-mail").fill("noor@example.org");
      await page.getByLabel("Password", { exact: true }).fill("Tidal-Lantern-Orchard-4");
      await page.getByLabel("Password again").fill("Tidal-Lantern-Orchard-4");
      await page.getByRole("button", { name: "Create the admin and sign in" }).click();
      await page.waitForURL(`${base}/get-started`);
      expect(await rt.identity.countUsers()).toBe(1);

      const { token } = await inviteUser(
        rt,
        { email: "tomas@example.org", name: "Tomas Lindqvist", role: "responder" },
        systemActor("test"),
      );
      const invited = await browser.newPage({ viewport: LAPTOP });
      try {
        await invited.goto(`${base}/welcome/${token}`);
        await invited
          .getByRole("heading", { name: "Welcome, Tomas Lindqvist: choose a password" })
          .waitFor();
        expect(await seriousViolations(invited), "axe on /welcome").toEqual([]);
        await invited.getByLabel("Password", { exact: true }).fill("Quiet-Harbour-Signal-7");
        await invited.getByLabel("Password again").fill("Quiet-Harbour-Signal-8");
        await invited.getByRole("button", { name: "Save the password and sign in" }).click();
        await invited.getByText("The two passwords differ").waitFor();
        await invited.getByLabel("Password again").fill("Quiet-Harbour-Signal-7");
        await invited.getByRole("button", { name: "Save the password and sign in" }).click();
        await invited.waitForURL(`${base}/`);
        await invited.getByRole("button", { name: /sign out/i }).waitFor();
        // The link is spent.
        await invited.goto(`${base}/welcome/${token}`);
        await invited.getByRole("heading", { name: "This link cannot be used" }).waitFor();
      } catch (e) {
        await screenshotFailure(invited, "welcome");
        throw e;
      } finally {
        await invited.close();
      }
    } catch (e) {
      await screenshotFailure(page, "setup");
      throw e;
    } finally {
      await page.close();
    }
  }, 120_000);
});
