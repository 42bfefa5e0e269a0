import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declareIncident } from "../../src/response/incident.service.js";
import { addNote } from "../../src/response/timeline.service.js";
import { browserMissing, launchBrowser, screenshotFailure } from "./support/browser.js";
import { open, signIn } from "./support/pages.js";
import { startServer, type TestServer } from "./support/server.js";
import { ensureWebBuilt } from "./support/web-build.js";

/**
 * Issue 16's "everywhere" fixes as a user meets them: people by name with a card (never an
 * account id), and every time in the user's own zone with UTC on hover.
 */
describe.skipIf(browserMissing)("people by name and times in the user's zone", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let room: string;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    browser = await launchBrowser();
    // A fixed language, so the expected text can be written here.
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: "en-GB" });
    const amara = { kind: "person" as const, id: "amara-okafor", name: "Amara Okafor" };
    const incident = await declareIncident(
      server.rt,
      { title: "Mailbox rule forwarding to outside", type: "malware", severity: "emergency" },
      amara,
    );
    room = incident.human_id;
    // A user without a plan person acts under their account id, a uuid.
    const account = { kind: "person" as const, id: randomUUID(), name: "Sam Admin" };
    await addNote(server.rt, incident.id, { text: "forwarding rule removed" }, account);
    await signIn(page, server.base);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const openRoom = async () => {
    await open(page, server.base, `/incidents/${room}`, /Mailbox rule forwarding/);
    await page.getByRole("tab", { name: "Tasks and timeline" }).click();
  };

  it("names people in the timeline, never by account id, with a card on keyboard focus", async (ctx) => {
    try {
      await openRoom();
      const actors = page.locator(".entry-actor");
      await expect.poll(() => actors.allInnerTexts()).toContain("Sam Admin");
      const texts = await actors.allInnerTexts();
      expect(texts.join(" ")).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      expect(texts).toContain("Amara Okafor");

      const amara = actors.getByRole("button", { name: "Amara Okafor" }).first();
      const card = page.locator(`[id="${await amara.getAttribute("aria-describedby")}"]`);
      await expect.poll(() => card.isVisible()).toBe(false);
      await amara.focus();
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Tab");
      await expect.poll(() => card.isVisible()).toBe(true);
      expect(await card.textContent()).toMatch(/Roles: .+/);
      await page.keyboard.press("Escape");
      await expect.poll(() => card.isVisible()).toBe(false);
    } catch (e) {
      await screenshotFailure(page, ctx.task.name);
      throw e;
    }
  });

  it("shows times in the zone the user chooses on /account, with UTC on hover", async (ctx) => {
    try {
      await open(page, server.base, "/account", "Your account");
      await page.getByLabel("Show times in").selectOption("Asia/Tokyo");
      await page.getByRole("button", { name: "Save" }).click();
      await expect
        .poll(
          async () => (await server.rt.identity.findByEmail("amara@example.org"))?.user.time_zone,
        )
        .toBe("Asia/Tokyo");

      await openRoom();
      const title = await page.locator(".entry time").first().getAttribute("title");
      expect(title).toMatch(/Asia\/Tokyo · \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
      // The zoned time is the same instant on Tokyo's clock.
      const instant = /(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/.exec(title as string);
      const tokyo = new Date(`${instant?.[1]}T${instant?.[2]}Z`).toLocaleString("en-GB", {
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZone: "Asia/Tokyo",
      });
      expect(title).toBe(`${tokyo} Asia/Tokyo · ${instant?.[0]}`);
    } catch (e) {
      await screenshotFailure(page, ctx.task.name);
      throw e;
    }
  });
});
