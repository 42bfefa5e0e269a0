import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { Runtime } from "../../src/runtime.js";
import { type App, type AppOptions, buildApp } from "../../src/server/app.js";
import type { TestDialect } from "./databases.js";
import { testRuntime } from "./runtime.js";

/** What `appPerTest` and `appPerFile` build: the runtime's options, and the app's `auth`. */
export type ServedOptions = Parameters<typeof testRuntime>[1] & Pick<AppOptions, "auth">;

/** A runtime and the HTTP app over it; read `served.rt` and `served.app` inside the tests. */
export interface Served {
  rt: Runtime;
  app: App;
}

async function serve(served: Served, dialect: TestDialect, { auth, ...options }: ServedOptions) {
  served.rt = await testRuntime(dialect, options);
  served.app = await buildApp(served.rt, { logger: false, ...(auth ? { auth } : {}) });
}

async function close(served: Served) {
  await served.app?.close();
  await served.rt?.close();
}

/**
 * A fresh runtime over `dialect` and its app (no request logs; `auth` as told) for each test of
 * the enclosing `describe`: built before the test, both closed after it. The tests are skipped
 * where the dialect is.
 */
export function appPerTest(dialect: TestDialect, options: ServedOptions = {}): Served {
  const served = {} as Served;
  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    await serve(served, dialect, options);
  });
  afterEach(() => close(served));
  return served;
}

/** As `appPerTest`, but one runtime and app that all the tests of the `describe` share. */
export function appPerFile(dialect: TestDialect, options: ServedOptions = {}): Served {
  const served = {} as Served;
  beforeAll(async () => {
    if (dialect.skip) return;
    await serve(served, dialect, options);
  });
  afterAll(() => close(served));
  return served;
}
