import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { LAPTOP, launchBrowser, screenshotFailure } from "./browser.js";
import { signIn } from "./pages.js";
import { startServer, type TestServer } from "./server.js";
import { ensureWebBuilt } from "./web-build.js";

export interface BrowserSuite {
  /** The in-process server (sign-in enforced, the built web at `/`), once `beforeAll` ran. */
  readonly server: TestServer;
  /**
   * A page in a fresh browser context (its own cookies), signed in as the test responder unless
   * `signedIn` is false. An uncaught error in the page fails the test.
   */
  newPage(options?: {
    viewport?: { width: number; height: number };
    signedIn?: boolean;
  }): Promise<Page>;
}

/**
 * The hooks of a browser suite over the in-process server: builds the web interface, starts the
 * server and `seed`s it, launches Chromium; after each test closes its contexts, and after a
 * failed one leaves a picture of every page it opened in test-artifacts/failures.
 */
export function browserSuite(seed?: (server: TestServer) => Promise<unknown>): BrowserSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startServer();
    await seed?.(server);
    browser = await launchBrowser();
  }, 180_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail")
      for (const [i, c] of contexts.entries())
        for (const [j, p] of c.pages().entries())
          await screenshotFailure(p, `${ctx.task.name.slice(0, 40)}-${i}-${j}`);
    for (const c of contexts) await c.close();
    contexts = [];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const started = () => {
    if (!server || !browser) throw new Error("the browser suite has not started (beforeAll)");
    return { server, browser };
  };

  return {
    get server() {
      return started().server;
    },
    async newPage({ viewport = LAPTOP, signedIn = true } = {}) {
      const context = await started().browser.newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      page.on("pageerror", (e) => {
        throw e;
      });
      if (signedIn) await signIn(page, started().server.base);
      return page;
    },
  };
}
