import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEgressAllow } from "./egress.js";
import { egressFetch, MAX_OIDC_ANSWER_BYTES } from "./oidc-fetch.js";

/** A stand-in identity provider on loopback that says back what it was sent. */
describe("the identity provider's requests go through the egress check", () => {
  let server: Server;
  let port: number;
  const seen: { host?: string; body: string }[] = [];

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      seen.push({ host: req.headers.host, body });
      if (req.url === "/huge") {
        res.end("x".repeat(MAX_OIDC_ANSWER_BYTES + 1));
        return;
      }
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ method: req.method, body }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("refuses a private address that is not allowed, before connecting", async () => {
    const before = seen.length;
    const fetch = egressFetch(parseEgressAllow([]));
    await expect(
      fetch(`http://127.0.0.1:${port}/token`, { method: "GET", headers: {} }),
    ).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("loopback") });
    expect(seen.length).toBe(before);
  });

  it("reaches an allowed host at the address that was checked, with the form body", async () => {
    // The name resolves (once) to loopback; the Host header keeps the name.
    const fetch = egressFetch(parseEgressAllow(["idp.test"]), async () => ["127.0.0.1"]);
    const res = await fetch(`http://idp.test:${port}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", code: "abc" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      method: "POST",
      body: "grant_type=authorization_code&code=abc",
    });
    expect(seen.at(-1)?.host).toBe(`idp.test:${port}`);
  });

  it("refuses a host whose name is allowed when it resolves to a metadata address", async () => {
    const fetch = egressFetch(parseEgressAllow(["idp.test"]), async () => ["169.254.169.254"]);
    await expect(
      fetch("http://idp.test/.well-known/openid-configuration", { method: "GET", headers: {} }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses an answer larger than 1 MiB", async () => {
    const fetch = egressFetch(parseEgressAllow(["127.0.0.1"]));
    await expect(
      fetch(`http://127.0.0.1:${port}/huge`, { method: "GET", headers: {} }),
    ).rejects.toThrow(/exceeds/);
  });
});
