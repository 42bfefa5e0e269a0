import { describe, expect, it } from "vitest";
import { browserMissing } from "./support/browser.js";
import { seedAlerts } from "./support/seed.js";
import { browserSuite } from "./support/suite.js";

describe.skipIf(browserMissing)(
  "the first-run checklist and the triage queue in a real browser",
  { timeout: 90_000 },
  () => {
    const suite = browserSuite((server) => seedAlerts(server.rt));
    const newPage = (viewport = { width: 1440, height: 900 }) => suite.newPage({ viewport });

    it("leads an admin from the dashboard card to the checklist, and dismisses and resumes it", async () => {
      const page = await newPage();
      const nav = page.getByRole("navigation", { name: "Main" });
      const card = page.getByRole("link", { name: /^Get started: \d of 6 done$/ });
      await card.waitFor();
      await card.click();
      await page.getByRole("heading", { level: 1, name: "Get started" }).waitFor();
      // The built-in example: nothing done yet (its example team's roles do not count).
      const steps = page.locator(".checklist-step");
      expect(await steps.count()).toBe(6);
      await page.getByRole("link", { name: "Add your people" }).waitFor();
      expect(await page.getByRole("link", { name: "Add your people" }).getAttribute("href")).toBe(
        "/plan/edit#team",
      );
      expect(await page.locator(".checklist-step.done").count()).toBe(0);
      await page.getByText("the team is the built-in example (14 people)").waitFor();
      await nav.getByRole("link", { name: "Get started" }).waitFor();

      await page.getByRole("button", { name: "Dismiss the checklist" }).click();
      await page.getByRole("button", { name: "Show on the dashboard again" }).waitFor();
      // Gone from the navigation and the dashboard; the account menu keeps the way back.
      expect(await nav.getByRole("link", { name: "Get started" }).count()).toBe(0);
      await page.goto(suite.server.base);
      await page.getByRole("heading", { level: 2, name: "Open incidents, worst first" }).waitFor();
      expect(await card.count()).toBe(0);
      await page.locator(".account").getByRole("link", { name: "Get started" }).click();
      await page.getByRole("button", { name: "Show on the dashboard again" }).click();
      await page.getByRole("button", { name: "Dismiss the checklist" }).waitFor();
      await nav.getByRole("link", { name: "Get started" }).waitFor();
    });

    it("keeps an acknowledged alert in the triage queue until 'Hide acknowledged'", async () => {
      const page = await newPage();
      await page.goto(`${suite.server.base}/alerts`);
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
