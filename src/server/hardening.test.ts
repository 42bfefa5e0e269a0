import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { PASSWORD, userWithToken } from "../../test/support/identity.js";
import { testRuntime } from "../../test/support/runtime.js";
import type { Runtime } from "../runtime.js";
import { type App, buildApp } from "./app.js";

const sqlite = TEST_DIALECTS[0] as (typeof TEST_DIALECTS)[number];

/** A log stream that keeps what the server writes, to search it afterwards. */
function logSink() {
  let text = "";
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk;
      done();
    },
  });
  return { stream, logs: () => text };
}

describe("hardening", () => {
  let rt: Runtime;
  let app: App | undefined;
  beforeEach(async () => {
    rt = await testRuntime(sqlite);
  });
  afterEach(async () => {
    await app?.close();
    await rt.close();
  });

  it("sends security headers on answers and on errors", async () => {
    app = await buildApp(rt, { logger: false });
    const { headers } = await userWithToken(rt, "observer");
    for (const res of [
      await app.inject({ method: "GET", url: "/api/v1/incidents", headers }),
      await app.inject({ method: "GET", url: "/api/v1/incidents" }),
    ]) {
      expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      expect(res.headers["cache-control"]).toBe("no-store");
    }
  });

  it("keeps tokens, cookies and passwords out of the logs", async () => {
    const { stream, logs } = logSink();
    app = await buildApp(rt, { logger: { level: "trace", stream } });
    // A careless route that logs every header and the body.
    app.post("/api/v1/zz-careless", { config: { permission: "self" } }, async (req) => {
      req.log.info({ headers: req.headers, body: req.body }, "careless");
      return {};
    });
    const { token, user } = await userWithToken(rt, "responder");
    const signIn = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email: user.email, password: PASSWORD },
    });
    const cookie = String(signIn.headers["set-cookie"]).split(";")[0] as string;
    await app.inject({
      method: "POST",
      url: "/api/v1/zz-careless",
      headers: { authorization: `Bearer ${token}`, cookie },
      payload: { password: PASSWORD },
    });
    expect(logs()).toContain("careless");
    expect(logs()).toContain("[redacted]");
    expect(logs()).not.toContain(token);
    expect(logs()).not.toContain(cookie.split("=")[1]);
    expect(logs()).not.toContain(PASSWORD);
  });

  it("keeps one-time acknowledgement, invitation and reset tokens and sign-on codes out of the request log", async () => {
    const { stream, logs } = logSink();
    app = await buildApp(rt, { logger: { level: "info", stream } });
    const token = "v1.some-incident.a-signature-that-acknowledges";
    await app.inject({ method: "GET", url: `/api/v1/ack/${token}` });
    await app.inject({ method: "POST", url: `/api/v1/ack/${token}` });
    expect(logs()).toContain("/api/v1/ack/[redacted]");
    const link = "an-invitation-token-that-sets-a-password";
    await app.inject({ method: "GET", url: `/welcome/${link}` });
    await app.inject({ method: "GET", url: `/api/v1/account-links/${link}` });
    await app.inject({ method: "POST", url: `/api/v1/account-links/${link}`, payload: {} });
    expect(logs()).toContain("/welcome/[redacted]");
    expect(logs()).toContain("/api/v1/account-links/[redacted]");
    const code = "an-authorization-code-from-the-provider";
    await app.inject({ method: "GET", url: `/api/v1/auth/oidc/callback?code=${code}&state=s` });
    expect(logs()).toContain("/api/v1/auth/oidc/callback?[redacted]");
    expect(logs()).not.toContain(token);
    expect(logs()).not.toContain(link);
    expect(logs()).not.toContain(code);
  });

  it("limits each ingestion token's requests a minute, one token at a time", async () => {
    app = await buildApp(
      { ...rt, config: { ...rt.config, ingestRateLimit: 3 } },
      { logger: false },
    );
    const a = await userWithToken(rt, "responder", "ingest");
    const b = await userWithToken(rt, "responder", "ingest");
    const send = (headers: Record<string, string>) =>
      app?.inject({
        method: "POST",
        url: "/api/v1/events",
        headers: { ...headers, "content-type": "application/json" },
        payload: JSON.stringify([{ message: "x" }]),
      });
    for (let i = 0; i < 3; i++) expect((await send(a.headers))?.statusCode).toBeLessThan(300);
    const limited = await send(a.headers);
    expect(limited?.statusCode).toBe(429);
    expect(limited?.headers["content-type"]).toContain("application/problem+json");
    expect(Number(limited?.headers["retry-after"])).toBeGreaterThan(0);
    expect((await send(b.headers))?.statusCode).toBeLessThan(300);
  });

  it("refuses bodies over the size limit", async () => {
    app = await buildApp(rt, { logger: false });
    const { headers } = await userWithToken(rt, "responder");
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/incidents",
      headers: { ...headers, "content-type": "application/json" },
      payload: JSON.stringify({ title: "x".repeat(2 * 1024 * 1024), type: "malware" }),
    });
    expect(res.statusCode).toBe(413);
  });

  it("answers a path that is not valid percent-encoded UTF-8 with a 400 problem+json", async () => {
    // Found by the fuzz test: Fastify refuses these before routing, outside the error handler.
    app = await buildApp(rt, { logger: false });
    const { headers } = await userWithToken(rt, "responder");
    for (const path of ["tasks/%ED%A0%80", "tasks/%FF", "notes%C0%AE"]) {
      const res = await app.inject({
        method: "PATCH",
        url: `/api/v1/incidents/INC-2026-0001/${path}`,
        headers: { ...headers, "content-type": "application/json" },
        payload: "{}",
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 400, type: "/problems/invalid_input" });
    }
  });
});
