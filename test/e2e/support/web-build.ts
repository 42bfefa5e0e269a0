import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const WEB = fileURLToPath(new URL("../../../web", import.meta.url));
const INDEX = join(WEB, "dist", "index.html");

/** The newest modification time of any file under a folder. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Builds the web interface when `web/dist` is missing or older than its sources, so the browser
 * tests run what the code says even when nobody ran `npm run build` after editing `web/src`.
 */
export async function ensureWebBuilt(): Promise<void> {
  const sources = Math.max(
    newest(join(WEB, "src")),
    newest(join(WEB, "public")),
    statSync(join(WEB, "index.html")).mtimeMs,
    statSync(join(WEB, "vite.config.ts")).mtimeMs,
  );
  if (existsSync(INDEX) && statSync(INDEX).mtimeMs >= sources) return;
  const { build } = await import("vite");
  // Vitest sets NODE_ENV=test, which would make a development build of React; this one is
  // the same web/dist that `firebreak serve` serves, so it must be the production build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: join(WEB, "vite.config.ts"), mode: "production", logLevel: "warn" });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
