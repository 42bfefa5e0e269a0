import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { PASSWORD } from "../support/identity.js";

describe("firebreak setup-code on the local database", () => {
  it("prints one code until a user exists, then says setup is done", {
    timeout: 300_000,
  }, async () => {
    const local = ["--data-dir", mkdtempSync(join(tmpdir(), "fb-setup-"))];
    const env = { FIREBREAK_PUBLIC_URL: "https://firebreak.example.org" };
    const first = await runCli(["setup-code", "--json", ...local], { env });
    expect(first.code, first.stderr).toBe(0);
    const { code, url } = JSON.parse(first.stdout);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(url).toBe("https://firebreak.example.org/setup");

    const again = await runCli(["setup-code", ...local], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`Setup code: ${code}`);
    expect(again.stdout).toContain("https://firebreak.example.org/setup");

    const admin = await runCli(
      [
        "users",
        "create",
        "--admin",
        "--email",
        "a@example.org",
        "--name",
        "A",
        "--password-stdin",
        ...local,
      ],
      { input: `${PASSWORD}\n` },
    );
    expect(admin.code, admin.stderr).toBe(0);
    const done = await runCli(["setup-code", ...local]);
    expect(done.code).toBe(1);
    expect(done.stderr).toContain("setup is done");
    expect(done.stdout).not.toContain(code);
  });
});
