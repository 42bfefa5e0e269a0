import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { type CliDatabase, cliDatabase } from "../support/cli-database.js";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server.js";

describe("firebreak channels test", { timeout: 120_000 }, () => {
  let smtp: TestSmtpServer;
  let db: CliDatabase;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    db = await cliDatabase("sqlite");
  });
  afterAll(async () => {
    await smtp?.close();
    await db?.drop();
  });

  const cli = (args: string[]) =>
    runCli(["channels", "test", ...args, ...db.args], { env: { FIREBREAK_SMTP_URL: smtp.url } });

  it("sends a test e-mail through a channel of the plan in force, and exits 0", async () => {
    const res = await cli(["ir-team-email", "--json"]);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      delivered: true,
      detail: expect.stringMatching(/^250/),
    });
    expect(smtp.messages.map((m) => m.to)).toEqual([["ir-team@example.org"]]);
  });

  it("exits 1 with the reason when the channel does not deliver, and 2 on a usage mistake", async () => {
    // Loopback is not public: the egress check refuses it without FIREBREAK_EGRESS_ALLOW.
    const refused = await cli(["--kind", "webhook", "--target", "http://127.0.0.1:9/hook"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^not delivered in \d+ ms: .*loopback/);
    const neither = await cli([]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/name a channel id, or give --kind and --target/);
  });
});
