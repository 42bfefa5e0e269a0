import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from "../../../test/support/webhook-receiver.js";
import type { Resolver } from "../../auth/egress.js";
import { DeliveryError } from "./channel.types.js";
import { httpClient } from "./http.js";

/** A loopback server answering every request with `handler`; closed after each test. */
const servers: Server[] = [];
async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  host = "127.0.0.1",
): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable("the request was delivered"),
    (e: unknown) => {
      expect(e).toBeInstanceOf(DeliveryError);
      return e as DeliveryError;
    },
  );

describe("the egress-checked HTTP client", () => {
  let receiver: WebhookReceiver;
  afterEach(async () => {
    await receiver?.close();
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
  });

  it("delivers to an allowed address and keeps only the status", async () => {
    receiver = await startWebhookReceiver();
    const http = httpClient({ egressAllow: ["127.0.0.1"] });
    const outcome = await http.postJson(`${receiver.url}/hook?x=1`, '{"a":1}', { "x-test": "1" });
    expect(outcome).toEqual({ httpStatus: 200 });
    expect(receiver.requests).toMatchObject([
      { path: "/hook?x=1", json: { a: 1 }, headers: { "x-test": "1" } },
    ]);
  });

  it("connects to the address it checked, keeping the name in the Host header", async () => {
    receiver = await startWebhookReceiver();
    const port = new URL(receiver.url).port;
    let lookups = 0;
    // hooks.firebreak.test exists only in this table: the request can only have gone to it.
    const resolve: Resolver = async () => {
      lookups++;
      return ["127.0.0.1"];
    };
    const http = httpClient({ egressAllow: ["127.0.0.0/8"], resolve });
    await http.postJson(`http://hooks.firebreak.test:${port}/x`, "{}", {});
    expect(lookups).toBe(1);
    expect(receiver.requests[0]?.headers.host).toBe(`hooks.firebreak.test:${port}`);
  });

  it("refuses loopback in every spelling, and metadata, permanently and before connecting", async () => {
    receiver = await startWebhookReceiver();
    const port = new URL(receiver.url).port;
    const http = httpClient({ timeoutMs: 1000 });
    for (const host of ["127.0.0.1", "0x7f000001", "2130706433", "127.1", "[::ffff:127.0.0.1]"]) {
      const err = await failure(http.postJson(`http://${host}:${port}/`, "{}", {}));
      expect(err.permanent, host).toBe(true);
      expect(err.message).toMatch(/refused: .*loopback.*FIREBREAK_EGRESS_ALLOW/);
    }
    const meta = await failure(http.postJson("http://169.254.169.254/latest/", "{}", {}));
    expect(meta.message).toMatch(/cloud metadata/);
    expect(receiver.requests).toHaveLength(0);
  });

  it("refuses a name that resolves to loopback (localhost)", async () => {
    receiver = await startWebhookReceiver();
    const port = new URL(receiver.url).port;
    const err = await failure(httpClient().postJson(`http://localhost:${port}/`, "{}", {}));
    expect(err.message).toMatch(/outgoing request to localhost refused/);
    expect(receiver.requests).toHaveLength(0);
  });

  it("follows no redirect, so an allowed host cannot send it to a refused one", async () => {
    receiver = await startWebhookReceiver();
    const port = await serve((_req, res) => {
      res.writeHead(307, { location: `${receiver.url}/internal` }).end();
    });
    // The redirecting host is allowed; the receiver it points to (same address, other port) is
    // reached by nothing but the redirect.
    const http = httpClient({ egressAllow: ["127.0.0.1"] });
    const err = await failure(http.postJson(`http://127.0.0.1:${port}/`, "{}", {}));
    expect(err.message).toBe("HTTP 307 Temporary Redirect: redirects are not followed");
    expect(err.httpStatus).toBe(307);
    expect(err.permanent).toBe(false);
    expect(receiver.requests).toHaveLength(0);
  });

  it("never reports the receiver's answer, only its status", async () => {
    const port = await serve((_req, res) => {
      res.writeHead(500, "Leaky Reason", { "content-type": "text/plain" });
      res.end("aws_secret_access_key=wJalrXUtnFEMI/K7MDENG");
    });
    const http = httpClient({ egressAllow: ["127.0.0.1"] });
    const err = await failure(http.postJson(`http://127.0.0.1:${port}/`, "{}", {}));
    expect(err.message).toBe("HTTP 500 Internal Server Error");
    expect(err.httpStatus).toBe(500);
  });

  it("gives up on a receiver that does not answer, and on an oversized answer head", async () => {
    const silent = await serve(() => {});
    const http = httpClient({ egressAllow: ["127.0.0.1"], timeoutMs: 200 });
    const started = Date.now();
    const err = await failure(http.postJson(`http://127.0.0.1:${silent}/`, "{}", {}));
    expect(err.message).toBe("no answer within 200 ms");
    expect(Date.now() - started).toBeLessThan(2000);

    const huge = await serve((_req, res) => {
      res.writeHead(200, { "x-pad": "a".repeat(64 * 1024) }).end();
    });
    const big = await failure(http.postJson(`http://127.0.0.1:${huge}/`, "{}", {}));
    expect(big.message).toMatch(/exceed 16384 bytes|connection failed/);
  });

  it("tries the next checked address when one refuses the connection, and names no URL", async () => {
    receiver = await startWebhookReceiver();
    const port = new URL(receiver.url).port;
    const resolve: Resolver = async () => ["::1", "127.0.0.1"];
    const http = httpClient({ egressAllow: ["127.0.0.1", "::1"], resolve });
    // Nothing listens on [::1]:port (the receiver is IPv4 only), so 127.0.0.1 takes it.
    await expect(http.postJson(`http://two.test:${port}/`, "{}", {})).resolves.toEqual({
      httpStatus: 200,
    });
    const closed = await failure(
      httpClient({ egressAllow: ["127.0.0.1"] }).postJson("http://127.0.0.1:9/s3cr3t", "{}", {}),
    );
    expect(closed.message).toMatch(/^connection failed: ECONNREFUSED$/);
  });
});
