// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${env:NAME}` targets are under test.
import { createServer } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TEST_DIALECTS } from "../../../test/support/databases.js";
import { userWithToken } from "../../../test/support/identity.js";
import { startSmtpServer, type TestSmtpServer } from "../../../test/support/smtp-server.js";
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from "../../../test/support/webhook-receiver.js";
import { loadConfig } from "../../config.js";
import { BUILTIN_LIBRARY_DIR } from "../../documents/library.js";
import { loadLibraryIfEmpty, type Runtime, runtimeFor } from "../../runtime.js";
import { type App, buildApp } from "../app.js";
import { CHANNEL_TESTS_PER_MINUTE } from "./channel.routes.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

/** A loopback port nobody listens on: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("POST /api/v1/channels/test", () => {
  let smtp: TestSmtpServer;
  let receiver: WebhookReceiver;
  let rt: Runtime;
  let app: App;

  beforeEach(async () => {
    smtp = await startSmtpServer();
    receiver = await startWebhookReceiver();
    // The configuration a deployment would have: its SMTP server, and loopback allowed out.
    const config = loadConfig(
      { library: [BUILTIN_LIBRARY_DIR], logLevel: "silent" },
      { FIREBREAK_SMTP_URL: smtp.url, FIREBREAK_EGRESS_ALLOW: "127.0.0.1" },
    );
    rt = runtimeFor(config, await sqlite.open());
    await loadLibraryIfEmpty(rt);
    app = await buildApp(rt, { logger: false, auth: "trust-local" });
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await app?.close();
    await rt?.close();
    await receiver?.close();
    await smtp?.close();
  });

  const test = (payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: "POST", url: "/api/v1/channels/test", payload, headers });

  it("sends a test e-mail through the configured SMTP server and says what it answered", async () => {
    const res = await test({ kind: "email", target: "ops@acme.test", id: "ops-mail" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ delivered: true, detail: expect.stringMatching(/^250/) });
    expect(res.json().duration_ms).toBeGreaterThanOrEqual(0);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]?.to).toEqual(["ops@acme.test"]);
    expect(smtp.messages[0]?.subject).toBe("Test message: this channel works");
    expect(smtp.messages[0]?.text).toContain("the channel 'ops-mail' delivers");

    const [entry] = (await rt.audit.list({ action: "channel.tested" }, 10)).map((r) => ({
      ...r,
      details: JSON.parse(r.details),
    }));
    expect(entry).toMatchObject({ target: "ops-mail", outcome: "success" });
    expect(entry?.details).toMatchObject({
      kind: "email",
      target: "ops@acme.test",
      delivered: true,
    });
  });

  it("tests a channel of the plan in force by its id", async () => {
    const res = await test({ channel_id: "ir-team-email" });
    expect(res.json()).toMatchObject({ delivered: true });
    expect(smtp.messages.map((m) => m.to)).toEqual([["ir-team@example.org"]]);
    const unknown = await test({ channel_id: "no-such-channel" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers["content-type"]).toMatch(/problem\+json/);
  });

  it("posts to a webhook on loopback through the egress-checked client, resolving ${env:NAME}", async () => {
    // The built-in plan's pager channel is `${env:FIREBREAK_PAGER_WEBHOOK}`.
    vi.stubEnv("FIREBREAK_PAGER_WEBHOOK", `${receiver.url}/hooks/ir?token=s3cret`);
    const res = await test({ kind: "webhook", target: "${env:FIREBREAK_PAGER_WEBHOOK}" });
    expect(res.json()).toMatchObject({ delivered: true, status: 200 });
    expect((await test({ channel_id: "ir-pager" })).json()).toMatchObject({ delivered: true });
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[0]?.path).toBe("/hooks/ir?token=s3cret");
    expect(receiver.requests[0]?.json).toMatchObject({ kind: "test", incident: null });
  });

  it("resolves ${env:NAME} only in a target of the plan in force, never in one written ad hoc", async () => {
    vi.stubEnv("FIREBREAK_TEST_SECRET", "database-password");
    const leak = await test({
      kind: "webhook",
      target: `${receiver.url}/collect?v=\${env:FIREBREAK_TEST_SECRET}`,
    });
    expect(leak.statusCode).toBe(400);
    expect(leak.json()).toMatchObject({ type: "/problems/invalid_input" });
    expect(receiver.requests).toHaveLength(0);
  });

  it("answers a failed delivery as a result: refused connection, refused status, egress, missing variable", async () => {
    const refused = await test({
      kind: "slack",
      target: `http://127.0.0.1:${await closedPort()}/x`,
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({
      delivered: false,
      detail: expect.stringMatching(/refused/i),
    });

    receiver.failNext(1, 404);
    const notFound = await test({ kind: "webhook", target: `${receiver.url}/gone` });
    expect(notFound.json()).toMatchObject({
      delivered: false,
      status: 404,
      detail: "HTTP 404 Not Found",
    });

    const metadata = await test({ kind: "webhook", target: "http://169.254.169.254/latest/" });
    expect(metadata.json()).toMatchObject({
      delivered: false,
      detail: expect.stringMatching(/metadata/),
    });

    // The built-in plan's war-room channel reads FIREBREAK_SLACK_WEBHOOK, unset here.
    vi.stubEnv("FIREBREAK_SLACK_WEBHOOK", "");
    const missing = await test({ channel_id: "ir-war-room" });
    expect(missing.json()).toMatchObject({
      delivered: false,
      detail: expect.stringContaining("FIREBREAK_SLACK_WEBHOOK"),
    });

    const phone = await test({ kind: "phone", target: "+1-212-555-0101" });
    expect(phone.json()).toMatchObject({
      delivered: false,
      detail: expect.stringMatching(/cannot send to phone/),
    });

    const failures = await rt.audit.list({ action: "channel.tested" }, 10);
    expect(failures.every((f) => f.outcome === "failure")).toBe(true);
  });

  it("refuses bad input with a 400 and non-admins with a 403", async () => {
    for (const body of [
      {},
      { kind: "pigeon", target: "x" },
      { kind: "email" },
      { channel_id: "" },
    ]) {
      const res = await test(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const enforcing = await buildApp(rt, { logger: false });
    try {
      const { headers } = await userWithToken(rt, "responder");
      const res = await enforcing.inject({
        method: "POST",
        url: "/api/v1/channels/test",
        payload: { kind: "email", target: "a@b.test" },
        headers,
      });
      expect(res.statusCode).toBe(403);
    } finally {
      await enforcing.close();
    }
    expect(smtp.messages).toHaveLength(0);
  });

  it(`allows ${CHANNEL_TESTS_PER_MINUTE} tests a minute, then 429 with Retry-After`, async () => {
    for (let i = 0; i < CHANNEL_TESTS_PER_MINUTE; i++)
      expect((await test({ kind: "phone", target: "+1" })).statusCode).toBe(200);
    const limited = await test({ kind: "email", target: "a@b.test" });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(smtp.messages).toHaveLength(0);
  });
});
