import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
  /** The HMAC checked out, per docs/notifications.md (recomputed here independently). */
  verified: boolean;
  /** What the receiver answered. */
  status: number;
}

export interface WebhookReceiver {
  /** Base URL, e.g. `http://127.0.0.1:43123`; any path is accepted. */
  url: string;
  requests: ReceivedRequest[];
  /** Requests that were answered 2xx. */
  accepted(): ReceivedRequest[];
  /** Answer the next `n` requests with `status` (default 503). */
  failNext(n: number, status?: number): void;
  close(): Promise<void>;
}

/**
 * A real HTTP receiver on loopback (port 0). With a `secret` it verifies each request's
 * signature the way a third-party receiver would, and answers 401 when it does not match.
 */
export async function startWebhookReceiver(
  options: { secret?: string; failFirst?: number; failStatus?: number } = {},
): Promise<WebhookReceiver> {
  let failures = options.failFirst ?? 0;
  let failStatus = options.failStatus ?? 503;
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const verified = options.secret ? verify(options.secret, req.headers, body) : false;
      let status = 200;
      if (options.secret && !verified) status = 401;
      else if (failures > 0) {
        failures--;
        status = failStatus;
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      requests.push({ path: req.url ?? "/", headers: req.headers, body, json, verified, status });
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status === 200 ? "ok" : `refused (${status})`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted: () => requests.filter((r) => r.status >= 200 && r.status < 300),
    failNext(n, status = 503) {
      failures = n;
      failStatus = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The receiver side of the documented scheme: HMAC-SHA256 over `<timestamp>.<body>`. */
function verify(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const timestamp = String(headers["x-firebreak-timestamp"] ?? "");
  const signature = String(headers["x-firebreak-signature"] ?? "");
  if (!/^\d+$/.test(timestamp)) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
  return (
    expected.length === signature.length &&
    timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
  );
}
