import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/auth/user.service.js";
import { loadConfig } from "../../src/config.js";
import { BUILTIN_LIBRARY_DIR } from "../../src/documents/library.js";
import { systemActor } from "../../src/domain/actor.js";
import { loadLibraryIfEmpty, type Runtime, runtimeFor } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server.js";
import { seriousViolations } from "./support/axe.js";
import {
  browserMissing,
  LAPTOP,
  launchBrowser,
  screenshot,
  screenshotFailure,
} from "./support/browser.js";
import { signIn } from "./support/pages.js";
import { RESPONDER } from "./support/server.js";
import { ensureWebBuilt } from "./support/web-build.js";

/**
 * The structured plan editor in a real browser, against the real server with an SMTP sink: the
 * admin names the organisation, adds people by hand and from a CSV file (a bad line reported),
 * replaces the example team, points a channel at their own address and sends a test that
 * arrives, and saves the draft, which the review page then shows.
 */
describe.skipIf(browserMissing)("the plan editor in a real browser", { timeout: 180_000 }, () => {
  let smtp: TestSmtpServer;
  let rt: Runtime;
  let app: App;
  let base: string;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    await ensureWebBuilt();
    smtp = await startSmtpServer();
    const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];
    const config = loadConfig(
      { library: [BUILTIN_LIBRARY_DIR], logLevel: "silent" },
      { FIREBREAK_SMTP_URL: smtp.url },
    );
    rt = runtimeFor(config, await sqlite.open());
    await loadLibraryIfEmpty(rt);
    await createUser(rt, { ...RESPONDER, role: "admin" }, systemActor("test"));
    app = await buildApp(rt, { logger: false });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await launchBrowser();
  }, 240_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail")
      for (const [i, p] of (context?.pages() ?? []).entries())
        await screenshotFailure(p, `plan-editor-${i}`);
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await rt?.close();
    await smtp?.close();
  });

  const section = (page: Page, id: string) => page.locator(`section#${id}`);

  it("makes the plan yours: organisation, people, channel test, saved draft", async () => {
    context = await browser.newContext({ viewport: LAPTOP });
    const page = await context.newPage();
    await signIn(page, base);
    await page.goto(`${base}/plan/edit#team`);
    await page.getByRole("heading", { level: 1, name: "Edit the plan" }).waitFor();
    await expect
      .poll(() => section(page, "team").locator("tbody .badge", { hasText: "Example" }).count())
      .toBe(14);

    const org = section(page, "organisation");
    await org.getByLabel("Name").fill("Acme GmbH");
    await org.getByLabel("Time zone").selectOption("Europe/Berlin");
    await org.getByRole("button", { name: "Apply" }).click();
    await org.getByText("In the draft: Acme GmbH, Europe/Berlin").waitFor();

    const team = section(page, "team");
    const add = team
      .locator("form")
      .filter({ has: page.getByRole("button", { name: "Add", exact: true }) });
    await add.getByLabel("Name").fill("Ada Lovelace");
    await add.getByLabel("E-mail").fill("ada@acme.test");
    await add.getByLabel("Incident Commander", { exact: true }).check();
    await add.getByRole("button", { name: "Add", exact: true }).click();
    await team.getByRole("cell", { name: /^Ada Lovelace/ }).waitFor();

    await team
      .getByLabel("Or paste it")
      .fill("name,email,phone,roles\nGrace Hopper,grace@acme.test,,legal-counsel\nNo Mail,,,\n");
    await team.getByRole("button", { name: "Import" }).click();
    await team.getByText("1 person added.").waitFor();
    await team.getByText("line 3: '' is not an e-mail address").waitFor();

    await team
      .getByRole("button", { name: "Replace the example team with these 2 people" })
      .click();
    await expect.poll(() => team.locator("tbody .badge", { hasText: "Example" }).count()).toBe(0);
    await expect.poll(() => team.locator("tbody tr").count()).toBe(2);

    const channel = page.locator("form", { has: page.locator("#channel-ir-team-email-title") });
    await channel.getByLabel("Target").fill("ops@acme.test");
    await channel.getByRole("button", { name: "Apply" }).click();
    await channel.getByRole("button", { name: "Send test" }).click();
    await channel.getByText(/^Delivered in \d+ ms: 250/).waitFor();
    expect(smtp.messages.map((m) => [m.to, m.subject])).toEqual([
      [["ops@acme.test"], "Test message: this channel works"],
    ]);
    await screenshot(page, "plan-editor");

    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await seriousViolations(page), colorScheme).toEqual([]);
    }

    // A role nobody fills: the server refuses the draft, and the refusal shows under Roles.
    const scribe = page.locator("#role-scribe-ada-lovelace");
    await scribe.uncheck();
    await page.getByRole("button", { name: "Save draft" }).click();
    await section(page, "roles")
      .getByText(/role 'scribe' is not filled by anyone/)
      .first()
      .waitFor();
    await scribe.check();

    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByRole("link", { name: "Review and approve" }).click();
    await page.waitForURL(`${base}/documents/plan/default`);
    const source = (await rt.documents.get("plan", "default", 2))?.source ?? "";
    expect(source).toContain("name: Acme GmbH");
    expect(source).not.toContain("example: true");
    expect(source).not.toContain("amara-okafor");
  });
});
