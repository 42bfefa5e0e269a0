import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The installed command, compiled from the current source by test/global-setup.ts. */
export const FIREBREAK_BIN = fileURLToPath(new URL("../../bin/firebreak.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `firebreak` command as a child process. */
export function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FIREBREAK_BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, LOG_LEVEL: "silent", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}
