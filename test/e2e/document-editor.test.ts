import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe.js";
import {
  browserMissing,
  LAPTOP,
  launchBrowser,
  screenshot,
  screenshotFailure,
} from "./support/browser.js";
import { open, signIn } from "./support/pages.js";
import { startServer, type TestServer } from "./support/server.js";
import { ensureWebBuilt } from "./support/web-build.js";

/**
 * The plan edited and approved in the browser: the YAML editor's live lint marks a mistake at
 * its line, the fixed text is saved as a draft, its changes are shown, it is submitted, and the
 * admin (under the built-in example plan, ADR 0003) approves it into force.
 */
describe.skipIf(browserMissing)(
  "the document editor in a real browser",
  { timeout: 120_000 },
  () => {
    let server: TestServer;
    let browser: Browser;
    let context: BrowserContext | undefined;

    beforeAll(async () => {
      await ensureWebBuilt();
      server = await startServer();
      browser = await launchBrowser();
    }, 180_000);

    afterEach(async (ctx) => {
      if (ctx.task.result?.state === "fail")
        for (const [i, p] of (context?.pages() ?? []).entries())
          await screenshotFailure(p, `editor-${i}`);
      await context?.close();
      context = undefined;
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    /** axe-core finds nothing serious or critical on what the page shows, in both themes. */
    async function accessible(page: Page) {
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        expect(await seriousViolations(page), colorScheme).toEqual([]);
      }
      await page.emulateMedia({ colorScheme: "light" });
    }

    /** The editor's status line once the text on screen has been linted. */
    const linted = (page: Page, status: RegExp) =>
      page.locator(".editor-status").filter({ hasText: status }).waitFor({ timeout: 15_000 });

    it("lints as you type, saves a draft, shows the changes, and approves it into force", async () => {
      context = await browser.newContext({ viewport: LAPTOP });
      const page = await context.newPage();
      page.on("pageerror", (e) => {
        throw e;
      });
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.type());
        void d.accept();
      });
      await signIn(page, server.base);

      await open(page, server.base, "/documents/plan/default", "Versions of plan default");
      await page.getByRole("link", { name: "Edit", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Edit plan default" }).waitFor();
      const editor = page.getByRole("textbox", { name: "YAML of plan default" });
      await editor.waitFor();
      await linted(page, /^0 errors/);

      // The label's line gets a new label (unquoted: the editor closes quotes itself), and the
      // line after it a key the plan does not have.
      const source = (await server.rt.documents.get("plan", "default"))?.source ?? "";
      const labelLine = source.split("\n").findIndex((l) => l.startsWith("version:")) + 1;
      const bad = labelLine + 1;
      expect(labelLine).toBeGreaterThan(0);
      await editor.click();
      await page.keyboard.press("Control+Home");
      for (let i = 1; i < labelLine; i++) await page.keyboard.press("ArrowDown");
      await page.keyboard.press("End");
      await page.keyboard.press("Shift+Home");
      await page.keyboard.type("version: v2026-12");
      await page.keyboard.press("Enter");
      await page.keyboard.type("bogus_field: 1");
      await linted(page, /^1 error/);

      // The mark is on that line, over it, and the list names the same place.
      const mark = page.locator(".cm-lintRange-error");
      await mark.first().waitFor();
      expect(await mark.first().textContent()).toBe("bogus_field: 1");
      await page.locator(".cm-gutter-lint .cm-lint-marker-error").first().waitFor();
      const finding = page.locator(".editor-findings .finding.error");
      expect(await finding.count()).toBe(1);
      expect(await finding.textContent()).toMatch(
        new RegExp(`line ${bad}:1\\s*unknown key 'bogus_field'`),
      );
      expect(await page.getByRole("button", { name: "Save draft" }).isDisabled()).toBe(true);
      await screenshot(page, "document-editor-lint");
      await accessible(page);

      // Choosing the finding puts the cursor there; deleting the line fixes it.
      await finding.getByRole("button", { name: `line ${bad}:1` }).click();
      await page.keyboard.press("Home");
      await page.keyboard.press("Shift+End");
      await page.keyboard.press("Backspace");
      await page.keyboard.press("Backspace");
      await linted(page, /^0 errors.*unsaved changes/);
      expect(await mark.count()).toBe(0);

      // Unsaved text survives a reload (which asks first).
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Edit plan default" }).waitFor();
      expect(dialogs).toContain("beforeunload");
      await linted(page, /^0 errors.*unsaved changes/);
      expect(await editor.textContent()).toContain("version: v2026-12");

      // The changes against the version in force.
      await page.getByRole("button", { name: "Show changes" }).click();
      const diff = page.locator("#editor-diff");
      await diff.getByText("1 line added").waitFor();
      expect(await diff.locator(".diff-added").textContent()).toContain("version: v2026-12");
      expect(await diff.locator(".diff-removed").textContent()).toContain('version: "2026.10"');

      await page.getByRole("button", { name: "Save draft" }).click();
      await page.getByRole("heading", { level: 2, name: "Submit v2 for approval" }).waitFor();
      await page.getByLabel("Note for the approvers").fill("our own version label");
      await page.getByRole("button", { name: "Submit for approval" }).click();

      // The versions page: the draft in review; the admin may decide under the example plan.
      await page.getByRole("heading", { level: 1, name: "Versions of plan default" }).waitFor();
      const review = page.getByRole("region", { name: "Approval" });
      await review.getByText("In review: waiting for the approvers").waitFor();
      await review.getByText("“our own version label”").waitFor();
      await review.getByText(/You decide on the text with hash [0-9a-f]{16}/).waitFor();
      await screenshot(page, "document-review");
      await accessible(page);
      await review.getByRole("button", { name: "Approve v2" }).click();
      await review.getByText(/The newest version, v2 “v2026-12”, is in force/).waitFor();
      expect(await server.rt.documents.get("plan", "default")).toMatchObject({
        version: 2,
        label: "v2026-12",
      });
    });
  },
);
