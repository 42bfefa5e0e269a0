import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { loadConfig } from "../../src/config.js";
import { BUILTIN_LIBRARY_DIR } from "../../src/documents/library.js";
import { type Clock, systemClock } from "../../src/domain/clock.js";
import { loadLibraryIfEmpty, type Runtime, runtimeFor } from "../../src/runtime.js";
import type { TestDialect } from "./databases.js";

/**
 * A runtime over a fresh database of the given dialect, with the built-in library loaded. Its
 * data folder (where evidence files go) is a fresh path under the system's temporary folder,
 * made only if something is stored there: never the repository's ./data.
 */
export async function testRuntime(
  dialect: TestDialect,
  options: { clock?: Clock; library?: string[] } = {},
): Promise<Runtime> {
  const db = await dialect.open();
  const config = loadConfig(
    {
      library: options.library ?? [BUILTIN_LIBRARY_DIR],
      logLevel: "silent",
      dataDir: join(tmpdir(), `firebreak-test-${randomUUID()}`),
    },
    {},
  );
  const rt = runtimeFor(config, db, options.clock ?? systemClock);
  await loadLibraryIfEmpty(rt);
  return rt;
}

/**
 * Gives each test of the enclosing `describe` its own runtime over `dialect` (built with
 * `options`, which the tests share): handed to `use` before the test, closed after it. The tests
 * are skipped where the dialect is.
 */
export function runtimePerTest(
  dialect: TestDialect,
  options: Parameters<typeof testRuntime>[1],
  use: (rt: Runtime) => void,
): void {
  let rt: Runtime | undefined;
  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    rt = await testRuntime(dialect, options);
    use(rt);
  });
  afterEach(async () => {
    await rt?.close();
    rt = undefined;
  });
}
