import { describe, expect, it } from "vitest";
import { recordChange } from "../../src/response/changes.service.js";
import { declareIncident } from "../../src/response/incident.service.js";
import { browserMissing } from "./support/browser.js";
import { open } from "./support/pages.js";
import { SEED_ACTOR } from "./support/seed.js";
import { browserSuite } from "./support/suite.js";

if (browserMissing) console.warn(browserMissing);

/**
 * The room's "Changes before this incident": a deploy ten minutes before the declaration shows
 * with its time relative to it, and only http(s) links a sender attached become links.
 */
describe.skipIf(browserMissing)(
  "changes before an incident, in the room",
  { timeout: 90_000 },
  () => {
    const suite = browserSuite();

    it("shows the change with its links, and a javascript: href as text", async () => {
      const rt = suite.server.rt;
      await recordChange(rt, {
        integration_id: "ci",
        summary: "Deployed checkout-api v2.14.0",
        source: "deploy-pipeline",
        timestamp: new Date(Date.now() - 10 * 60_000).toISOString(),
        custom_details: { service: "checkout-api" },
        links: [
          { href: "https://ci.example.org/builds/2140", text: "Build 2140" },
          { href: "javascript:alert(document.cookie)", text: "Rollback" },
        ],
      });
      const incident = await declareIncident(
        rt,
        {
          title: "Checkout failing after deploy",
          type: "data-breach",
          attributes: { affected_services: ["checkout-api"] },
        },
        SEED_ACTOR,
      );

      const page = await suite.newPage();
      await open(page, suite.server.base, `/incidents/${incident.human_id}?tab=assets`, /./);
      const panel = page.getByRole("region", { name: "Changes before this incident" });
      const row = panel.getByRole("row", { name: /Deployed checkout-api v2\.14\.0/ });
      await row.waitFor();
      expect(await row.getByText(/^10 min before$/).count()).toBe(1);
      const build = row.getByRole("link", { name: "Build 2140" });
      expect(await build.getAttribute("href")).toBe("https://ci.example.org/builds/2140");
      expect(await build.getAttribute("rel")).toBe("noopener noreferrer");
      // The sender's javascript: href is shown, never linked.
      expect(await row.getByRole("link", { name: "Rollback" }).count()).toBe(0);
      await row.getByText("javascript:alert(document.cookie)").waitFor();
      expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    });
  },
);
