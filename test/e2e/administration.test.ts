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
 * The administration pages as an admin uses them: every secret (invitation link, API token,
 * integration key) is shown once and then works where it is meant to — a second browser signs
 * the invited user in, the token calls the API until it is revoked, the key gets a real
 * Alertmanager notification accepted and the page shows it was received.
 */
describe.skipIf(browserMissing)("administration: users, API tokens, integrations", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const adminPage = async () => {
    context = await browser.newContext({ viewport: LAPTOP, reducedMotion: "reduce" });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: server.base,
    });
    page = await context.newPage();
    await signIn(page, server.base);
  };

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail" && page) await screenshotFailure(page, ctx.task.name);
    await context?.close();
  });

  it("invites a user: the link is shown once, and opens their account in another browser", async () => {
    await adminPage();
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Users" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    await page.getByRole("button", { name: "Invite a user" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite a user" });
    await dialog.getByLabel("Name").fill("Noor Haddad");
    await dialog.getByLabel("E-mail address").fill("noor@example.org");
    await dialog.getByLabel("Role").selectOption("observer");
    await dialog.getByRole("button", { name: "Invite" }).click();
    const shown = page.getByRole("textbox", { name: "Invitation link for Noor Haddad" });
    const link = await shown.inputValue();
    expect(link).toMatch(new RegExp(`^${server.base}/welcome/[\\w-]{20,}$`));
    await page.getByText(/copy it now, you will not see it again/).waitFor();
    await page.getByRole("row", { name: /Noor Haddad/ }).waitFor();
    await screenshot(page, "admin-users");
    expect(await seriousViolations(page)).toEqual([]);
    // Once: the list shows the user, never the link again.
    await page.reload();
    await page.getByRole("row", { name: /Noor Haddad/ }).waitFor();
    expect(await page.locator(".shown-once").count()).toBe(0);
    expect(await page.content()).not.toContain(link);

    // The invited person's own browser: the link's page sets their password and signs them in.
    const theirs = await browser.newContext({ viewport: LAPTOP });
    try {
      const their = await theirs.newPage();
      const password = "Lantern-orchard-river-7";
      await their.goto(link);
      await their
        .getByRole("heading", { level: 1, name: "Welcome, Noor Haddad: choose a password" })
        .waitFor();
      await their.getByLabel("Password", { exact: true }).fill(password);
      await their.getByLabel("Password again").fill(password);
      await their.getByRole("button", { name: "Save the password and sign in" }).click();
      await their.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
      // An observer sees no administration, and the page says why if opened.
      expect(await their.getByText("Administration", { exact: true }).count()).toBe(0);
      await open(their, server.base, "/admin/users", "Users");
      await their.getByText("This page is for administrators").waitFor();
      // The link worked once.
      await their.goto(link);
      await their.getByRole("heading", { level: 1, name: "This link cannot be used" }).waitFor();
      // And the password is theirs: a fresh browser signs in with it.
      await theirs.clearCookies();
      await their.goto(server.base);
      await their.getByLabel("E-mail").fill("noor@example.org");
      await their.getByLabel("Password").fill(password);
      await their.getByRole("button", { name: "Sign in" }).click();
      await their.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    } finally {
      await theirs.close();
    }
    await page.reload();
    const row = page.getByRole("row", { name: /Noor Haddad/ });
    await row.getByText(/just now|ago/).waitFor();

    // A new role; then the admin links their own account to another plan person and, since
    // only what changed is sent, stays signed in.
    await row.getByRole("button", { name: "Change Noor Haddad" }).click();
    const change = page.getByRole("dialog", { name: "Change Noor Haddad" });
    await change.getByLabel("Role").selectOption("responder");
    await change.getByRole("button", { name: "Save" }).click();
    await row.locator('[data-label="Role"]', { hasText: "responder" }).waitFor();
    const me = page.getByRole("row", { name: /Amara Okafor/ });
    await me.getByRole("button", { name: "Change Amara Okafor" }).click();
    const mine = page.getByRole("dialog", { name: "Change Amara Okafor" });
    await mine.getByLabel("Person in the plan").selectOption({ index: 2 });
    const chosen = await mine.getByLabel("Person in the plan").inputValue();
    await mine.getByRole("button", { name: "Save" }).click();
    await mine.waitFor({ state: "hidden" });
    expect((await server.rt.identity.findByEmail("amara@example.org"))?.user.person_id).toBe(
      chosen,
    );
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
  }, 120_000);

  it("creates an API token shown once, which works as a Bearer token until revoked", async () => {
    await adminPage();
    await page.getByRole("link", { name: "API tokens" }).click();
    await page.getByRole("heading", { level: 1, name: "API tokens" }).waitFor();
    await page.getByLabel("Name").fill("ci export");
    await page.getByLabel("Scope").selectOption("read");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = await page.getByRole("textbox", { name: "Token “ci export”" }).inputValue();
    expect(token).toMatch(/^fbt_/);
    await page.getByRole("button", { name: "Copy" }).click();
    await page.getByText("Copied to the clipboard.").waitFor();
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(token);
    await screenshot(page, "account-tokens");
    expect(await seriousViolations(page)).toEqual([]);

    const incidents = () =>
      fetch(`${server.base}/api/v1/incidents`, { headers: { authorization: `Bearer ${token}` } });
    expect((await incidents()).status).toBe(200);

    await page.getByRole("button", { name: "Revoke ci export" }).click();
    const confirm = page.getByRole("dialog", { name: "Revoke “ci export”?" });
    await confirm.getByRole("button", { name: "Revoke token" }).click();
    await page
      .getByRole("row", { name: /ci export/ })
      .getByText("Revoked")
      .waitFor();
    expect((await incidents()).status).toBe(401);
  }, 120_000);

  it("connects a monitor: the key is shown once and a real notification shows as received", async () => {
    await adminPage();
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Integrations" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Integrations" }).waitFor();
    await page.getByLabel("Kind").selectOption("alertmanager");
    await page.getByLabel("Name").fill("prod alertmanager");
    await page.getByRole("button", { name: "Create integration" }).click();
    const key = await page
      .getByRole("textbox", { name: "Key of “prod alertmanager”" })
      .inputValue();
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    const url = `${server.base}/api/v1/integrations/alertmanager`;
    await page.locator(".shown-once code", { hasText: url }).waitFor();
    const lastReceived = (text: string) =>
      page
        .getByRole("row", { name: /prod alertmanager/ })
        .locator('[data-label="Last received"]', { hasText: text });
    await lastReceived("never").waitFor();
    await screenshot(page, "admin-integrations");
    expect(await seriousViolations(page)).toEqual([]);

    const sent = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        version: "4",
        groupKey: '{}:{alertname="DiskFull"}',
        truncatedAlerts: 0,
        status: "firing",
        receiver: "firebreak",
        groupLabels: { alertname: "DiskFull" },
        commonLabels: { alertname: "DiskFull", severity: "warning" },
        commonAnnotations: {},
        externalURL: "http://alertmanager:9093",
        alerts: [
          {
            status: "firing",
            labels: { alertname: "DiskFull", severity: "warning", instance: "db-1:9100" },
            annotations: { summary: "Disk 95% full on db-1" },
            startsAt: new Date().toISOString(),
            endsAt: "0001-01-01T00:00:00Z",
            generatorURL: "http://prometheus:9090/graph",
            fingerprint: "d15cf011d15cf011",
          },
        ],
      }),
    });
    expect(sent.status, await sent.text()).toBe(200);

    await page.reload();
    await lastReceived("just now").waitFor();
    expect(await page.locator(".shown-once").count()).toBe(0);
  }, 120_000);
});
