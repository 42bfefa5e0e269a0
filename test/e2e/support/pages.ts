import type { Page } from "playwright-core";
import { RESPONDER } from "./server.js";

/** Signs in through the sign-in screen and waits for the dashboard. */
export async function signIn(page: Page, base: string): Promise<void> {
  await page.goto(base);
  await page.getByLabel("E-mail").fill(RESPONDER.email);
  await page.getByLabel("Password").fill(RESPONDER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
}

/** Navigates in the app (a full load, as following a shared link would). */
export async function open(page: Page, base: string, path: string, heading: string | RegExp) {
  await page.goto(base + path);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

/** The incident room's phase badge text. */
export async function phaseShown(page: Page): Promise<string> {
  return (await page.locator(".room-meta .badge.phase").textContent()) ?? "";
}

/** Waits until the room shows the phase. */
export async function waitForPhase(page: Page, label: string, timeout = 5000): Promise<void> {
  await page
    .locator(".room-meta .badge.phase", { hasText: new RegExp(`^${label}$`) })
    .waitFor({ timeout });
}

/**
 * Settles what blocks the next gate from the keyboard: choose a blocking task in the phase
 * track (focus moves to its checkbox), press Space, wait for it to leave the list.
 */
export async function checkOffBlockers(page: Page): Promise<number> {
  let done = 0;
  for (;;) {
    const blocker = page.locator(".gate.blocked .blockers a").first();
    if ((await blocker.count()) === 0) return done;
    const title = (await blocker.textContent()) ?? "";
    await blocker.click();
    await page.locator(".task-check:focus").waitFor();
    await page.keyboard.press("Space");
    await page
      .locator(".gate.blocked .blockers a", { hasText: title })
      .first()
      .waitFor({ state: "detached" });
    done++;
  }
}
