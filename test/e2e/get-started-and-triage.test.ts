import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browserMissing, launchBrowser, screenshotFailure } from "./support/browser.js";
import { signIn } from "./support/pages.js";
import { seedAlerts } from "./support/seed.js";
import { startServer, type TestServer } from "./support/server.js";
import { ensureWebBuilt } from "./support/web-build.js";

describe.skipIf(browserMissing)(
  "the first-run checklist and the triage queue in a real browser",
  { timeout: 90_000 },
  () => {
    let server: TestServer;
    let browser: Browser;
    let context: BrowserContext | undefined;

    async function newPage(viewport = { width: 1440, height: 900 }): Promise<Page> {
      context = await browser.newContext({ viewport });
      const page = await context.newPage();
      page.on("pageerror", (e) => {
        throw e;
      });
      await signIn(page, server.base);
      return page;
    }

    beforeAll(async () => {
      await ensureWebBuilt();
      server = await startServer();
      await seedAlerts(server.rt);
      browser = await launchBrowser();
    }, 180_000);

    afterEach(async (ctx) => {
      if (ctx.task.result?.state === "fail")
        for (const [i, p] of (context?.pages() ?? []).entries())
          await screenshotFailure(p, `${ctx.task.name.slice(0, 40)}-${i}`);
      await context?.close();
      context = undefined;
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it("leads an admin from the dashboard card to the checklist, and dismisses and resumes it", async () => {
      const page = await newPage();
      const nav = page.getByRole("navigation", { name: "Main" });
      const card = page.getByRole("link", { name: /^Get started: \d of 6 done$/ });
      await card.waitFor();
      await card.click();
      await page.getByRole("heading", { level: 1, name: "Get started" }).waitFor();
      // The built-in example: every role is held, the rest is still to do.
      const steps = page.locator(".checklist-step");
      expect(await steps.count()).toBe(6);
      await page.getByRole("link", { name: "Add your people" }).waitFor();
      expect(await page.getByRole("link", { name: "Add your people" }).getAttribute("href")).toBe(
        "/plan/edit#team",
      );
      expect(await page.locator(".checklist-step.done").count()).toBe(1);
      await page.getByText("the team is the built-in example (14 people)").waitFor();
      await nav.getByRole("link", { name: "Get started" }).waitFor();

      await page.getByRole("button", { name: "Dismiss the checklist" }).click();
      await page.getByRole("button", { name: "Show on the dashboard again" }).waitFor();
      // Gone from the navigation and the dashboard; the account menu keeps the way back.
      expect(await nav.getByRole("link", { name: "Get started" }).count()).toBe(0);
      await page.goto(server.base);
      await page.getByRole("heading", { level: 2, name: "Open incidents, worst first" }).waitFor();
      expect(await card.count()).toBe(0);
      await page.locator(".account").getByRole("link", { name: "Get started" }).click();
      await page.getByRole("button", { name: "Show on the dashboard again" }).click();
      await page.getByRole("button", { name: "Dismiss the checklist" }).waitFor();
      await nav.getByRole("link", { name: "Get started" }).waitFor();
    });

    it("keeps an acknowledged alert in the triage queue until 'Hide acknowledged'", async () => {
      const page = await newPage();
      await page.goto(`${server.base}/alerts`);
      await page.getByRole("heading", { level: 1, name: "Alert triage" }).waitFor();
      const title = "Windows event log cleared";
      await page.getByRole("checkbox", { name: `Select ${title}` }).check();
      await page.getByRole("button", { name: "Acknowledge" }).click();
      const row = page.locator(".alert-table tbody tr", { hasText: title });
      await row.locator(".badge", { hasText: "acknowledged" }).waitFor();

      await page.getByLabel("Hide acknowledged").check();
      await page.waitForURL(/hide_acknowledged=true/);
      await page.getByRole("link", { name: title }).waitFor({ state: "detached" });
      await page
        .getByRole("link", { name: "PowerShell started with an encoded command" })
        .waitFor();
      await page.getByLabel("Hide acknowledged").uncheck();
      await page.getByRole("link", { name: title }).waitFor();
    });
  },
);
