import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const WEB = fileURLToPath(new URL("../../../web", import.meta.url));
const INDEX = join(WEB, "dist", "index.html");
/** Held (as a folder: creating one is atomic) while one test file builds for all of them. */
const LOCK = join(WEB, ".build-lock");
const STALE_LOCK_MS = 5 * 60_000;

/** The newest modification time of any file under a folder. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function upToDate(): boolean {
  const sources = Math.max(
    newest(join(WEB, "src")),
    newest(join(WEB, "public")),
    statSync(join(WEB, "index.html")).mtimeMs,
    statSync(join(WEB, "vite.config.ts")).mtimeMs,
  );
  return existsSync(INDEX) && statSync(INDEX).mtimeMs >= sources;
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    // A lock left by a run that died is taken over.
    const held = statSync(LOCK, { throwIfNoEntry: false });
    if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS)
      rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

async function build(): Promise<void> {
  const { build: viteBuild } = await import("vite");
  // Vitest sets NODE_ENV=test, which would make a development build of React; this one is
  // the same web/dist that `firebreak serve` serves, so it must be the production build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await viteBuild({
      configFile: join(WEB, "vite.config.ts"),
      mode: "production",
      logLevel: "warn",
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/**
 * Builds the web interface when `web/dist` is missing or older than its sources, so the browser
 * tests run what the code says even when nobody ran `npm run build` after editing `web/src`.
 * Test files run in parallel: one builds while the others wait for it.
 */
export async function ensureWebBuilt(): Promise<void> {
  for (;;) {
    if (upToDate()) return;
    if (tryLock()) {
      try {
        if (!upToDate()) await build();
      } finally {
        rmSync(LOCK, { recursive: true, force: true });
      }
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
