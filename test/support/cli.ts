import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

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

/**
 * Declares an emergency ransomware incident ("Files encrypted on FS01") with the real command,
 * against the database or server that `where` names; the test fails if the command does.
 */
export async function declareByCli(where: string[]): Promise<{ id: string; human_id: string }> {
  const declared = await runCli([
    "incident",
    "declare",
    "--type",
    "ransomware",
    "--severity",
    "emergency",
    "--title",
    "Files encrypted on FS01",
    "--json",
    ...where,
  ]);
  expect(declared.code, declared.stderr).toBe(0);
  return JSON.parse(declared.stdout);
}
