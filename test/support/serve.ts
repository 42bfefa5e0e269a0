import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { FIREBREAK_BIN, runCli } from "./cli.js";
import { dropLater, pgAdmin, pgUrlOf } from "./database-templates.js";
import { testDatabaseName } from "./databases.js";
import { waitFor } from "./wait.js";

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A fresh, empty PostgreSQL database for child processes (which migrate it themselves). `drop`
 * returns at once: the database is dropped behind the tests (see `dropLater`).
 */
export async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = testDatabaseName();
  const admin = await pgAdmin();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: pgUrlOf(name),
    async drop() {
      dropLater(name);
    },
  };
}

/** A `firebreak serve` child process, ready, with what it printed so far. */
export interface ServerProcess {
  base: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM, and the exit code once it has exited. */
  stop(): Promise<number | null>;
}

/**
 * Spawns the compiled `firebreak serve` on a free port (or `port`, when the caller needs it
 * beforehand, e.g. for FIREBREAK_PUBLIC_URL) and waits for /readyz.
 */
export async function startServer(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  port?: number,
): Promise<ServerProcess> {
  port ??= await freePort();
  const child = spawn(process.execPath, [FIREBREAK_BIN, "serve", "--port", String(port), ...args], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    `the server on port ${port} to be ready\n${output}`,
    async () => child.exitCode === null && (await fetch(`${base}/readyz`).catch(() => null))?.ok,
    60_000,
    100,
  );
  return {
    base,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      child.kill("SIGTERM");
      return exited;
    },
  };
}

/**
 * An admin and a token for them (write unless told) made through the CLI on the database itself (`where` is
 * `--data-dir DIR` or `--database-url URL`), for talking to servers that enforce sign-in.
 */
export async function adminToken(
  where: string[],
  scope: "read" | "write" | "ingest" = "write",
): Promise<string> {
  const email = "ops@example.org";
  const user = await runCli(
    ["users", "create", "--admin", "--email", email, "--name", "Ops", "--password-stdin", ...where],
    { input: "Correct-Horse-Battery-9\n" },
  );
  if (user.code !== 0) throw new Error(`users create: ${user.stderr}`);
  const token = await runCli([
    "tokens",
    "create",
    "--scope",
    scope,
    "--user",
    email,
    "--json",
    ...where,
  ]);
  if (token.code !== 0) throw new Error(`tokens create: ${token.stderr}`);
  return (JSON.parse(token.stdout) as { token: string }).token;
}
