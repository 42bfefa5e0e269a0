import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); `.ci/run` installs it. */
export const CHROMIUM = process.env.FIREBREAK_CHROMIUM ?? "/usr/bin/chromium";

/** Why the browser tests cannot run here, if they cannot. */
export const browserMissing = existsSync(CHROMIUM)
  ? undefined
  : `browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set FIREBREAK_CHROMIUM)`;

export const SCREENSHOTS = fileURLToPath(
  new URL("../../../test-artifacts/screenshots", import.meta.url),
);

/**
 * Headless Chromium without anything that reaches for the network on its own (the machines
 * that run this have none, and every attempt slows the start).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export const LAPTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

/** Saves `<name>-<width>.png` of the whole page into test-artifacts/screenshots. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
}

export const FAILURES = fileURLToPath(new URL("../../../test-artifacts/failures", import.meta.url));

/** What a page looked like when a test failed. */
export async function screenshotFailure(page: Page, name: string): Promise<void> {
  mkdirSync(FAILURES, { recursive: true });
  const file = `${name.replace(/[^\w-]+/g, "-")}.png`;
  await page.screenshot({ path: join(FAILURES, file), fullPage: true }).catch(() => {});
}
