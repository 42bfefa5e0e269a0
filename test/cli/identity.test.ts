import { mkdtempSync, readFileSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../src/runtime.js";
import { type App, buildApp } from "../../src/server/app.js";
import { runCli } from "../support/cli.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { PASSWORD, userWithToken } from "../support/identity.js";
import { testRuntime } from "../support/runtime.js";

const json = (stdout: string) => JSON.parse(stdout);

describe("firebreak users and audit on the local database", () => {
  it("makes the first admin from a password on stdin, never a flag, and verifies the audit log", {
    timeout: 300_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "fb-identity-"));
    const local = ["--data-dir", dataDir];
    const created = await runCli(
      [
        "users",
        "create",
        "--admin",
        "--email",
        "Root@Example.org",
        "--name",
        "Root",
        "--password-stdin",
        "--json",
        ...local,
      ],
      { input: `${PASSWORD}\n` },
    );
    expect(created.code, created.stderr).toBe(0);
    expect(json(created.stdout)).toMatchObject({ email: "root@example.org", role: "admin" });
    expect(created.stdout).not.toContain(PASSWORD);

    // No terminal and no --password-stdin: refused with a way out, not a silent empty password.
    const noPassword = await runCli([
      "users",
      "create",
      "--email",
      "b@example.org",
      "--name",
      "B",
      ...local,
    ]);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain("--password-stdin");

    const verified = await runCli(["audit", "verify", "--json", ...local]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(json(verified.stdout)).toEqual({ intact: true, entries: 1 });
  });
});

describe("firebreak login, tokens and logout against a server that enforces sign-in", () => {
  let rt: Runtime;
  let app: App;
  let base: string;
  beforeAll(async () => {
    rt = await testRuntime(TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number]);
    app = await buildApp(rt, { logger: false });
    await app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await rt.close();
  });

  it("keeps a 0600 token after login, uses it without --token, and revokes it at logout", {
    timeout: 300_000,
  }, async () => {
    const { user } = await userWithToken(rt, "responder");
    const env = { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), "fb-xdg-")), FIREBREAK_TOKEN: "" };
    const cli = (args: string[], input?: string) =>
      runCli([...args, "--server", base], { env, input });

    const unauthenticated = await cli(["incident", "list", "--json"]);
    expect(unauthenticated.code).toBe(1);
    expect(unauthenticated.stderr).toContain("sign in");

    const login = await cli(
      ["login", "--email", user.email, "--password-stdin", "--json"],
      PASSWORD,
    );
    expect(login.code, login.stderr).toBe(0);
    const file = join(env.XDG_CONFIG_HOME, "firebreak", "credentials.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(env.XDG_CONFIG_HOME, "firebreak")).mode & 0o777).toBe(0o700);
    const stored = Object.values(JSON.parse(readFileSync(file, "utf8")).servers)[0] as {
      token: string;
    };
    expect(stored.token).toMatch(/^fbt_/);
    expect(login.stdout).not.toContain(stored.token);
    expect(json(login.stdout)).toMatchObject({ email: user.email, scope: "write" });
    // The session used to make the token is over.
    expect(await rt.db.kysely.selectFrom("sessions").selectAll().execute()).toEqual([]);

    const listed = await cli(["incident", "list", "--json"]);
    expect(listed.code, listed.stderr).toBe(0);

    const ingest = await cli([
      "tokens",
      "create",
      "--scope",
      "ingest",
      "--expires",
      "P30D",
      "--name",
      "siem",
      "--json",
    ]);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(json(ingest.stdout)).toMatchObject({
      scope: "ingest",
      name: "siem",
      token: expect.stringMatching(/^fbt_/),
    });

    const notAdmin = await cli(["users", "disable", user.email]);
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.stderr).toContain("users:admin");

    const logout = await cli(["logout"]);
    expect(logout.code, logout.stderr).toBe(0);
    const after = await app.inject({
      method: "GET",
      url: "/api/v1/incidents",
      headers: { authorization: `Bearer ${stored.token}` },
    });
    expect(after.statusCode).toBe(401);
    expect(JSON.parse(readFileSync(file, "utf8")).servers).toEqual({});
  });
});
