import { describe, expect, it } from "vitest";
import { browserMissing, screenshot } from "./support/browser.js";
import { open } from "./support/pages.js";
import { seedAlerts, seedIncidents } from "./support/seed.js";
import { browserSuite } from "./support/suite.js";

describe.skipIf(browserMissing)(
  "alert triage and documents in a real browser",
  { timeout: 90_000 },
  () => {
    const suite = browserSuite(async (server) => {
      await seedIncidents(server.rt);
      await seedAlerts(server.rt);
    });
    const newPage = () => suite.newPage();

    it("triages an alert into a new incident and attaches another to it", async () => {
      const page = await newPage();
      await page.keyboard.press("g");
      await page.keyboard.press("a");
      await page.getByRole("heading", { level: 1, name: "Alert triage" }).waitFor();
      await page
        .getByRole("link", { name: "PowerShell started with an encoded command" })
        .waitFor();

      // The events behind an alert.
      await page.getByRole("link", { name: "PowerShell started with an encoded command" }).click();
      await page.getByRole("heading", { level: 2, name: /Events behind it/ }).waitFor();
      await page
        .getByText(/SQBFAFgA/)
        .first()
        .waitFor({ state: "attached" });
      await page.goBack();

      await page
        .getByRole("checkbox", { name: "Select PowerShell started with an encoded command" })
        .check();
      await page.getByRole("button", { name: "Declare incident" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Type").selectOption("malware");
      await dialog.getByRole("button", { name: "Declare incident" }).click();
      await page.waitForURL(/\/incidents\/INC-\d{4}-\d{4}$/);
      const ref = page.url().split("/").pop() as string;
      await page
        .getByRole("heading", { level: 1, name: /PowerShell started with an encoded command/ })
        .waitFor();

      await page.goto(`${suite.server.base}/alerts`);
      await page.getByRole("checkbox", { name: "Select Windows event log cleared" }).check();
      await page.getByRole("button", { name: "Attach to incident" }).click();
      await dialog.getByLabel("Incident").selectOption(ref);
      await dialog.getByRole("button", { name: /Attach 1 alert/ }).click();
      await page
        .getByRole("link", { name: "Windows event log cleared" })
        .waitFor({ state: "detached" });
      const left = await page.locator(".alert-table tbody tr").count();
      expect(left).toBe(1);
    });

    it("shows the plan and a procedure, uploads a new version, and shows what changed", async () => {
      const page = await newPage();
      await open(page, suite.server.base, "/plan", "Incident Response Plan");
      await page.getByRole("heading", { level: 2, name: "Severity scale" }).waitFor();
      await page
        .getByRole("cell", { name: /An entire facility/ })
        .first()
        .waitFor();

      await open(page, suite.server.base, "/procedures/phishing", /Phishing/);
      await page.getByRole("heading", { level: 2, name: "Containment" }).waitFor();

      // A refused upload says where, and puts the cursor there.
      await open(page, suite.server.base, "/documents/upload", "Upload a new version");
      await page.getByLabel("YAML").fill("kind: procedure\nid: phishing\nversion: [\n");
      await page.getByRole("button", { name: "Check and store" }).click();
      await page.locator(".problem-title", { hasText: "Nothing was stored" }).waitFor();
      await page
        .locator(".upload-problems button", { hasText: /^line \d+:\d+$/ })
        .first()
        .click();
      await page.locator("#upload-yaml:focus").waitFor();

      // An accepted one becomes the next version.
      const current = await suite.server.rt.documents.get("procedure", "phishing");
      const changed = (current?.source ?? "")
        .replace(/^version: .*$/m, 'version: "2026.12"')
        .replace(/^title: .*$/m, "title: Phishing (revised)");
      await page.getByLabel("YAML").fill(changed);
      await page.getByRole("button", { name: "Check and store" }).click();
      await page.getByRole("heading", { level: 2, name: "Stored" }).waitFor();
      await page.getByRole("link", { name: "Phishing (revised)" }).click();

      await page
        .getByRole("heading", { level: 1, name: "Versions of procedure phishing" })
        .waitFor();
      await page.getByRole("button", { name: "Show changes" }).click();
      await page.getByRole("heading", { level: 1, name: /v1 → v2/ }).waitFor();
      await page.locator(".diff-added", { hasText: "title: Phishing (revised)" }).waitFor();
      await page.locator(".diff-removed", { hasText: "title: Phishing" }).first().waitFor();
      await screenshot(page, "document-diff");

      await open(page, suite.server.base, "/documents", "Documents");
      await page.getByText("No findings").waitFor();
    });
  },
);
