import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { freePort, type ServerProcess, startServer } from "../../support/serve.js";
import {
  type ReceivedMail,
  startSmtpServer,
  type TestSmtpServer,
} from "../../support/smtp-server.js";
import { waitFor } from "../../support/wait.js";
import { SCREENSHOTS } from "./browser.js";

/** The journey's two widths: a laptop and a phone. */
export const JOURNEY_LAPTOP = { width: 1440, height: 900 };
export const JOURNEY_PHONE = { width: 390, height: 844 };

/** The setup code's shape (src/auth/setup.service.ts): four groups of four base-32 characters. */
const SETUP_CODE = /\b[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}\b/;

export interface FirstRun {
  server: ServerProcess;
  /** `http://127.0.0.1:<port>`, also the server's FIREBREAK_PUBLIC_URL. */
  base: string;
  /** Everything the server sent, as a mail server on loopback received it. */
  smtp: TestSmtpServer;
  /** The one-time setup code the server printed at start. */
  setupCode: string;
  close(): Promise<void>;
}

/**
 * A first start as `npm start` runs it: the compiled `firebreak serve` on an empty data folder,
 * its mail going to an SMTP server in this process, links built on its public URL, egress
 * allowed to loopback (where the test's mail server and the server itself are). Resolves once
 * the server is ready and has printed its setup code.
 */
export async function firstStart(): Promise<FirstRun> {
  const smtp = await startSmtpServer();
  const dataDir = mkdtempSync(join(tmpdir(), "firebreak-first-run-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(
    ["--data-dir", dataDir],
    {
      LOG_LEVEL: "info",
      FIREBREAK_SMTP_URL: smtp.url,
      FIREBREAK_PUBLIC_URL: base,
      FIREBREAK_EGRESS_ALLOW: "127.0.0.1",
      FIREBREAK_ADMIN_EMAIL: "",
      FIREBREAK_ADMIN_PASSWORD: "",
    },
    port,
  );
  const setupCode = await waitFor(
    `a setup code in what the server printed:\n${server.output()}`,
    () => SETUP_CODE.exec(server.output())?.[0],
    30_000,
    100,
  );
  return {
    server,
    base,
    smtp,
    setupCode,
    async close() {
      await server.stop();
      await smtp.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits for a message the sink received that `matches`, and returns it. */
export function mailArrives(
  smtp: TestSmtpServer,
  what: string,
  matches: (m: ReceivedMail) => boolean,
  timeoutMs = 30_000,
): Promise<ReceivedMail> {
  return waitFor(
    `${what}; received: ${smtp.messages.map((m) => `"${m.subject}" to ${m.to}`).join(", ") || "nothing"}`,
    () => smtp.messages.find(matches),
    timeoutMs,
    100,
  );
}

/**
 * Saves `journey-<step>-1440.png` and `journey-<step>-390.png` of the page as it is now (the same
 * page resized, so what is open, a dialog or a result, is in both pictures): what the window
 * shows, with `focus` scrolled to its top when given, since a whole long form is no picture.
 */
export async function journeyShot(page: Page, step: string, focus?: Locator): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const viewport of [JOURNEY_LAPTOP, JOURNEY_PHONE]) {
    await page.setViewportSize(viewport);
    // Below the top bar, which stays in view.
    await focus?.evaluate((el) => {
      el.scrollIntoView({ block: "start" });
      window.scrollBy(0, -72);
    });
    await page.screenshot({ path: join(SCREENSHOTS, `journey-${step}-${viewport.width}.png`) });
  }
  await page.setViewportSize(JOURNEY_LAPTOP);
}
