import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * The CLI and server tests spawn the compiled command users run (`bin/firebreak.js`, see
 * test/support/cli.ts), so the current source is compiled first. Incremental: about two seconds
 * when nothing changed, and a compiled start is a second faster per process than tsx. Type
 * errors are shown but do not stop the tests: tsc still writes the JavaScript, and
 * `npm run typecheck` is where they fail the build.
 */
export default function compileTheCommand(): void {
  try {
    execFileSync(
      process.execPath,
      [createRequire(import.meta.url).resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"],
      { cwd: fileURLToPath(new URL("..", import.meta.url)), stdio: "inherit" },
    );
  } catch {
    console.warn("tsc reported errors (above); the tests run on what it wrote");
  }
}
