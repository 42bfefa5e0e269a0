import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Finding, seriousViolations } from "./support/axe.js";
import { browserMissing, LAPTOP, launchBrowser, screenshotFailure } from "./support/browser.js";
import { demoScreens, h1, type Screen } from "./support/demo-screens.js";
import { signIn } from "./support/pages.js";
import { startServer, type TestServer } from "./support/server.js";
import { ensureWebBuilt } from "./support/web-build.js";

/** The screens issue 16 added: first run, plan and document editing, administration, account. */
const FIRST_RUN_SCREENS: Screen[] = [
  {
    name: "get-started",
    path: "/get-started",
    ready: (p) => p.locator(".checklist-title").first().waitFor(),
  },
  {
    name: "plan-editor",
    path: "/plan/edit",
    ready: (p) => p.locator("section#team table").waitFor(),
  },
  {
    name: "document-editor",
    path: "/documents/procedure/ransomware/edit",
    ready: (p) => p.locator(".cm-editor").waitFor(),
  },
  { name: "users", path: "/admin/users", ready: (p) => p.locator("table").first().waitFor() },
  { name: "integrations", path: "/admin/integrations", ready: h1("Integrations") },
  { name: "account", path: "/account", ready: h1("Your account") },
  { name: "tokens", path: "/account/tokens", ready: h1("API tokens") },
];

/**
 * axe-core on every main screen over the demo data, in the light and the dark theme: no
 * serious or critical violation (contrast, names, labels, roles). The theme is chosen as the
 * toggle chooses it (`firebreak:theme` in local storage → `data-theme`), with the system
 * preference set the same way so neither path hides the other.
 */
describe.skipIf(browserMissing)("accessibility (axe-core) in both themes", () => {
  let server: TestServer;
  let browser: Browser;
  let screens: Screen[];

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    screens = [...(await demoScreens(server.rt)), ...FIRST_RUN_SCREENS];
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const theme of ["light", "dark"] as const)
    it(`has no serious or critical violation in the ${theme} theme`, async () => {
      const context = await browser.newContext({
        viewport: LAPTOP,
        colorScheme: theme,
        reducedMotion: "reduce",
      });
      await context.addInitScript(
        `window.localStorage.setItem("firebreak:theme", ${JSON.stringify(theme)})`,
      );
      const page = await context.newPage();
      const found: Record<string, Finding[]> = {};
      const check = async (name: string) => {
        const violations = await seriousViolations(page);
        if (violations.length > 0) found[name] = violations;
      };
      try {
        await page.goto(server.base);
        await page.getByRole("button", { name: "Sign in" }).waitFor();
        await check("sign-in");
        await signIn(page, server.base);
        for (const s of screens) {
          await page.goto(server.base + s.path);
          await s.ready(page);
          await check(s.name);
        }
        expect(found, `serious or critical axe-core violations (${theme})`).toEqual({});
      } catch (e) {
        await screenshotFailure(page, `accessibility-${theme}`);
        throw e;
      } finally {
        await context.close();
      }
    }, 240_000);
});
