import { describe, expect, it } from "vitest";
import { declareIncident } from "../../src/response/incident.service.js";
import { addNote } from "../../src/response/timeline.service.js";
import { browserMissing, screenshot } from "./support/browser.js";
import { checkOffBlockers, open, phaseShown, signIn, waitForPhase } from "./support/pages.js";
import { SEED_ACTOR, seedIncidents } from "./support/seed.js";
import { browserSuite } from "./support/suite.js";

if (browserMissing) console.warn(browserMissing);

describe.skipIf(browserMissing)(
  "an incident, worked in a real browser",
  { timeout: 90_000 },
  () => {
    let seeded: string[];
    const suite = browserSuite(async (server) => {
      seeded = await seedIncidents(server.rt);
    });

    it("declares an incident, works it through every phase, sees a colleague's change live, and closes it", async () => {
      const page = await suite.newPage();
      await screenshot(page, "dashboard");

      // Declare from the keyboard shortcut.
      await page.keyboard.press("n");
      await page.getByRole("heading", { level: 1, name: "Declare an incident" }).waitFor();
      await page.getByLabel("Title").fill("Files encrypted on FS01");
      await page.getByLabel("Type").selectOption("ransomware");
      await page.getByRole("radio", { name: /^Emergency/ }).check();
      await page.getByLabel(/Personal data involved/).check();
      // At Emergency the plan requires a named commander: the signed-in responder comes first.
      await page.getByText(/requires a named commander at Emergency/).waitFor();
      await page.getByLabel("Commander").selectOption({ label: "Amara Okafor (you)" });
      await page.getByRole("button", { name: "Declare incident" }).click();
      await page.waitForURL(/\/incidents\/INC-\d{4}-\d{4}$/);
      const ref = page.url().split("/").pop() as string;
      await page.getByRole("heading", { level: 1, name: /Files encrypted on FS01/ }).waitFor();
      expect(await phaseShown(page)).toBe("Detection");

      // A colleague opens the same incident in another browser.
      const colleague = await suite.newPage();
      await colleague.goto(`${suite.server.base}/incidents/${ref}`);
      await colleague.locator(".live-indicator.live-live").waitFor();

      // A blocked gate says which tasks block it, and leads to them.
      await page.getByRole("button", { name: "Advance to Containment" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("button", { name: "Advance to Containment" }).click();
      await dialog.getByText("Phase gate blocked").waitFor();
      const firstBlocker = dialog.locator(".blockers a").first();
      const blockerTitle = (await firstBlocker.textContent()) as string;
      await firstBlocker.click();
      await dialog.waitFor({ state: "hidden" });
      await page.locator(".task-check:focus").waitFor();
      expect(await page.evaluate("document.activeElement?.labels?.[0]?.textContent")).toBe(
        blockerTitle,
      );
      await screenshot(page, "incident-room");

      // A note reaches the colleague's screen within a second.
      await page.keyboard.press("c");
      await page.keyboard.type("Bridge open on the out-of-band Signal group");
      const posted = page.waitForResponse(
        (r) => r.url().endsWith("/notes") && r.request().method() === "POST",
      );
      await page.keyboard.press("Control+Enter");
      await posted;
      const sent = Date.now();
      await colleague
        .locator(".entry-text", { hasText: "Bridge open on the out-of-band Signal group" })
        .waitFor({ timeout: 1000 });
      const latency = Date.now() - sent;
      expect(latency).toBeLessThan(1000);

      // Every phase: settle the blocking tasks, then advance; the colleague follows live.
      for (const next of ["Containment", "Eradication", "Recovery", "Post-incident"]) {
        expect(await checkOffBlockers(page)).toBeGreaterThan(0);
        await page.locator(".gate.ready").waitFor();
        await page.getByRole("button", { name: `Advance to ${next}` }).click();
        await dialog.getByRole("button", { name: `Advance to ${next}` }).click();
        await waitForPhase(page, next);
        await waitForPhase(colleague, next, 1500);
      }

      // Post-incident: its required work and the remediation items stand between us and closing,
      // and so does the post-incident work the plan requires at Emergency.
      await checkOffBlockers(page);
      await page.locator(".gate.ready").waitFor();
      await page.getByRole("button", { name: "Close incident" }).click();
      await dialog.getByText("Before an incident at Emergency closes, the plan requires").waitFor();
      await dialog.getByRole("button", { name: "Close incident" }).click();
      const missing = dialog.locator(".obligations li");
      await dialog.getByText("Post-incident work not on record yet").waitFor();
      expect(await missing.allTextContents()).toEqual([
        expect.stringMatching(/^Missing: Root-cause analysis/),
        expect.stringMatching(/^Missing: Lessons-learned review/),
        expect.stringMatching(/^Missing: After-action report/),
      ]);
      await screenshot(page, "close-refused");

      // The after-action report, rendered from the record, where the dialog's link leads.
      await dialog.getByRole("link", { name: "After-action report" }).click();
      await dialog.waitFor({ state: "hidden" });
      await page.getByLabel("Report", { exact: true }).selectOption("after-action");
      await page.getByLabel("Format").selectOption("html");
      await page.getByRole("button", { name: "Produce report" }).click();
      await page.getByRole("link", { name: /After-action report v1 \(HTML\)/ }).waitFor();

      // The rest is closed over, with the reason the commander gives.
      await page.getByRole("button", { name: "Close incident" }).click();
      await dialog.getByRole("button", { name: "Close incident" }).click();
      await dialog.getByText("Done: After-action report", { exact: false }).waitFor();
      expect(await missing.filter({ hasText: /^Missing/ }).count()).toBe(2);
      await dialog.getByLabel(/Close anyway, without this work/).check();
      await dialog
        .getByLabel("Why it closes without this work (required)")
        .fill("Restored from backups; RCA and lessons run with the vendor next week.");
      await screenshot(page, "close-anyway");
      await dialog.getByRole("button", { name: "Close anyway" }).click();
      await waitForPhase(page, "Closed");
      await waitForPhase(colleague, "Closed", 1500);
      await colleague.locator(".entry-text", { hasText: /^Closed/ }).waitFor();
      await colleague
        .locator(".entry-text", { hasText: /^Closing overridden without a root-cause analysis/ })
        .waitFor();
      await page.getByRole("tab", { name: "Tasks and timeline" }).click();

      // The hash chain of everything that happened is intact.
      await page.getByRole("button", { name: "Verify integrity" }).click();
      await page.getByText(/Intact: \d+ entries/).waitFor();
    });

    it("asks for a commander before an emergency leaves detection, and names one from the dialog", async () => {
      const { human_id: ref } = await declareIncident(
        suite.server.rt,
        {
          title: "Payroll export sent to the wrong bank",
          type: "data-breach",
          severity: "emergency",
        },
        SEED_ACTOR,
      );
      const page = await suite.newPage();
      await page.goto(`${suite.server.base}/incidents/${ref}`);
      await page.getByRole("button", { name: "Advance to Containment" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText("A commander must be named first").waitFor();
      await screenshot(page, "commander-required");
      expect(await dialog.getByLabel("Commander", { exact: true }).inputValue()).toBe(
        "amara-okafor",
      );
      await dialog.getByRole("button", { name: "Put in command" }).click();
      await dialog.getByText("A commander must be named first").waitFor({ state: "detached" });
      await page.locator(".facts dd", { hasText: "Amara Okafor" }).waitFor();
      // With a commander, the gate asks only for the phase's tasks.
      await dialog.getByRole("button", { name: "Advance to Containment" }).click();
      await dialog.getByText("Phase gate blocked").waitFor();
    });

    it("refuses a change made on a stale view, reloads, and keeps what was typed", async () => {
      const page = await suite.newPage({ signedIn: false });
      // Without live updates (as if the connection dropped) the view goes stale.
      await page.route("**/stream*", (route) => route.abort());
      await signIn(page, suite.server.base);
      const ref = seeded[1] as string;
      await page.goto(`${suite.server.base}/incidents/${ref}`);
      await page.getByRole("button", { name: "Decline" }).click();
      const dialog = page.getByRole("dialog");
      const reason = "A phishing simulation run by the awareness team";
      await dialog.getByLabel(/Why this is not an incident/).fill(reason);

      await addNote(suite.server.rt, ref, { text: "Someone else was quicker" }, SEED_ACTOR);
      await dialog.getByRole("button", { name: "Decline incident" }).click();
      await dialog.getByText(/Someone else changed this incident/).waitFor();
      expect(await dialog.getByLabel(/Why this is not an incident/).inputValue()).toBe(reason);
      await page.locator(".entry-text", { hasText: "Someone else was quicker" }).waitFor();

      await dialog.getByRole("button", { name: "Decline incident" }).click();
      await waitForPhase(page, "Declined");
    });

    it("keeps a note that failed to post, across a reload, until it is posted", async () => {
      const page = await suite.newPage();
      await page.goto(`${suite.server.base}/incidents/${seeded[0]}`);
      await page.route("**/notes", (route) =>
        route.fulfill({
          status: 503,
          contentType: "application/problem+json",
          body: JSON.stringify({
            type: "about:blank",
            title: "Service Unavailable",
            status: 503,
            detail: "the database is restarting",
          }),
        }),
      );
      const text = "Upstream provider confirms mitigation at the edge";
      await page.getByRole("textbox", { name: "Text of the note" }).fill(text);
      await page.getByRole("button", { name: "Post note" }).click();
      await page.getByText("the database is restarting").waitFor();
      await page.reload();
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await page.getByRole("textbox", { name: "Text of the note" }).inputValue()).toBe(text);
      await page.unroute("**/notes");
      await page.getByRole("button", { name: "Post note" }).click();
      await page.locator(".entry-text", { hasText: text }).waitFor();
      expect(await page.getByRole("textbox", { name: "Text of the note" }).inputValue()).toBe("");
    });

    it("lists and filters incidents", async () => {
      const page = await suite.newPage();
      await open(page, suite.server.base, "/incidents", "Incidents");
      await page.getByRole("link", { name: /Customer portal unreachable/ }).waitFor();
      await page.getByLabel("Severity").selectOption("inconvenience");
      await page.waitForURL(/severity=inconvenience/);
      await page.getByRole("link", { name: /Laptop stolen/ }).waitFor();
      expect(await page.getByRole("link", { name: /Customer portal unreachable/ }).count()).toBe(0);
      await page.getByLabel("Search", { exact: true }).fill("no such thing anywhere");
      await page.getByText("No incidents match these filters").waitFor();
    });
  },
);
