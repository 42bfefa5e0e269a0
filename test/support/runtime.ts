import { loadConfig } from "../../src/config.js";
import { BUILTIN_LIBRARY_DIR } from "../../src/documents/library.js";
import { type Clock, systemClock } from "../../src/domain/clock.js";
import { loadLibraryIfEmpty, type Runtime, runtimeFor } from "../../src/runtime.js";
import type { TestDialect } from "./databases.js";

/** A runtime over a fresh database of the given dialect, with the built-in library loaded. */
export async function testRuntime(
  dialect: TestDialect,
  options: { clock?: Clock; library?: string[] } = {},
): Promise<Runtime> {
  const db = await dialect.open();
  const config = loadConfig(
    { library: options.library ?? [BUILTIN_LIBRARY_DIR], logLevel: "silent" },
    {},
  );
  const rt = runtimeFor(config, db, options.clock ?? systemClock);
  await loadLibraryIfEmpty(rt);
  return rt;
}
