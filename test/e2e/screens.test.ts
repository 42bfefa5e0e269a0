import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserMissing,
  LAPTOP,
  launchBrowser,
  PHONE,
  screenshot,
  screenshotFailure,
} from "./support/browser.js";
import { demoScreens, type Screen } from "./support/demo-screens.js";
import { signIn } from "./support/pages.js";
import { startServer, type TestServer } from "./support/server.js";
import { ensureWebBuilt } from "./support/web-build.js";

/**
 * Every main screen, populated from the demo scenario (`firebreak demo`), at laptop and phone
 * width, saved to test-artifacts/screenshots/<screen>-<width>.png for people to look at. Each
 * screen is also checked for the one layout fault a picture makes easy to miss: content wider
 * than the window.
 */
describe.skipIf(browserMissing)("every main screen at 1280 and 390 px", () => {
  let server: TestServer;
  let browser: Browser;
  let screens: Screen[];

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    screens = await demoScreens(server.rt);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const viewport of [LAPTOP, PHONE])
    it(`at ${viewport.width} px`, async () => {
      const context = await browser.newContext({ viewport, reducedMotion: "reduce" });
      const page = await context.newPage();
      const errors: Error[] = [];
      page.on("pageerror", (e) => errors.push(e));
      try {
        await page.goto(server.base);
        await screenshot(page, "sign-in");
        await signIn(page, server.base);
        const tooWide: string[] = [];
        for (const s of screens) {
          await page.goto(server.base + s.path);
          await s.ready(page);
          await screenshot(page, s.name);
          const overflow = await page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth",
          );
          if (Number(overflow) > 1) tooWide.push(`${s.name} (${overflow} px)`);
        }
        // The shortcut overlay, and the dark theme of the busiest screens.
        await page.goto(server.base);
        await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
        await page.keyboard.press("?");
        await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
        await screenshot(page, "shortcuts");
        await page.keyboard.press("Escape");
        await page.keyboard.press("Shift+T");
        for (const s of screens.filter((x) => ["dashboard", "incident-room"].includes(x.name))) {
          await page.goto(server.base + s.path);
          await s.ready(page);
          await screenshot(page, `${s.name}-dark`);
        }
        expect(tooWide, "screens wider than the window").toEqual([]);
        expect(
          errors.map((e) => e.message),
          "errors in the page",
        ).toEqual([]);
      } catch (e) {
        await screenshotFailure(page, `screens-${viewport.width}`);
        throw e;
      } finally {
        await context.close();
      }
    }, 120_000);
});
