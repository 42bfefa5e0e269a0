/**
 * `npm run lint:openapi`: builds the application in-process over a throwaway SQLite database,
 * writes the OpenAPI document it SERVES (`GET /api/v1/openapi.json`, not a hand-kept copy) to a
 * temporary file and runs `redocly lint` on it with the repository's `redocly.yaml`. Exits with
 * redocly's status (non-zero on any error), so `npm run check` fails when the document does.
 * `--keep` leaves the written document in place and prints its path.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../src/config.js";
import { openRuntime } from "../src/runtime.js";
import { buildApp } from "../src/server/app.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const keep = process.argv.includes("--keep");

/** The served document, from an app over a fresh database in `dir` (no environment read). */
async function servedDocument(dir: string): Promise<string> {
  const rt = await openRuntime(loadConfig({ dataDir: dir, logLevel: "silent" }, {}));
  try {
    const app = await buildApp(rt, { logger: false });
    const res = await app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    await app.close();
    if (res.statusCode !== 200) throw new Error(`GET /api/v1/openapi.json: ${res.statusCode}`);
    // Pretty-printed, so that redocly's excerpts show the offending lines, not one huge line.
    return JSON.stringify(res.json(), null, 2);
  } finally {
    await rt.close();
  }
}

const dir = await mkdtemp(join(tmpdir(), "firebreak-openapi-"));
let status = 1;
try {
  const file = join(dir, "openapi.json");
  await writeFile(file, await servedDocument(dir));
  const cli = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");
  const run = spawnSync(
    process.execPath,
    [cli, "lint", file, "--config", join(root, "redocly.yaml")],
    {
      stdio: "inherit",
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    },
  );
  status = run.status ?? 1;
  if (keep) console.error(`the served document: ${file}`);
} finally {
  if (!keep) await rm(dir, { recursive: true, force: true });
}
process.exit(status);
