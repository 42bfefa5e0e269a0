import { type ClientRequest, request as httpRequest, STATUS_CODES } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import {
  checkOutboundUrl,
  type EgressAllow,
  parseEgressAllow,
  pinnedLookup,
  type Resolver,
  UnresolvedHostError,
} from "../../auth/egress.js";
import { DomainError } from "../../domain/errors.js";
import { DeliveryError, type DeliveryOutcome } from "./channel.types.js";

/** Long enough for a slow receiver, short enough that a hung one does not hold a worker. */
export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;

/** Largest response head (status line and headers) read; the body is never read. */
export const MAX_RESPONSE_HEAD_BYTES = 16 * 1024;

/** The one way deliveries reach a URL that came from a document or an integration. */
export interface HttpClient {
  /**
   * POSTs a JSON body; resolves with the status when the receiver answers 2xx, throws a
   * `DeliveryError` otherwise. Only the status is kept: the receiver's answer is never read, so
   * nothing an internal service says can reach the delivery log.
   */
  postJson(url: string, body: string, headers: Record<string, string>): Promise<DeliveryOutcome>;
}

export interface HttpClientOptions {
  /** FIREBREAK_EGRESS_ALLOW entries (host names, addresses, CIDRs). */
  egressAllow?: readonly string[];
  timeoutMs?: number;
  /** DNS; the system resolver unless a test answers from a table. */
  resolve?: Resolver;
}

// Errors that happen before a byte is sent: the next checked address may be tried.
const CONNECT_ERRORS = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "EAFNOSUPPORT",
]);

/**
 * The egress-checked HTTP client (see docs/security.md#outgoing-requests-egress). Each request
 * resolves the host once, refuses the URL unless every address passes `checkOutboundUrl`, and
 * connects to a checked address through a `lookup` that answers only that address (DNS
 * rebinding between check and connect is impossible), keeping the name for SNI, certificate
 * checking and the Host header. Redirects are not followed; one deadline covers connecting and
 * the answer's head; no connection is reused. Error texts never contain the URL's path or query,
 * which may carry a token (Slack-style webhook URLs do).
 */
export function httpClient(options: HttpClientOptions = {}): HttpClient {
  const allow: EgressAllow = parseEgressAllow(options.egressAllow ?? []);
  const timeoutMs = options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  return {
    async postJson(target, body, headers) {
      const deadline = Date.now() + timeoutMs;
      const { url, addresses } = await checked(target, allow, options.resolve);
      let status: number | undefined;
      for (const [i, address] of addresses.entries()) {
        try {
          status = await post(url, address, body, headers, deadline - Date.now());
          break;
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code ?? "";
          if (i < addresses.length - 1 && CONNECT_ERRORS.has(code)) continue;
          throw new DeliveryError(connectionProblem(e as Error, timeoutMs));
        }
      }
      if (status === undefined) throw new DeliveryError("connection failed");
      const name = STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : "";
      if (status >= 300 && status < 400)
        throw new DeliveryError(`HTTP ${status}${name}: redirects are not followed`, {
          httpStatus: status,
        });
      if (status < 200 || status > 299)
        throw new DeliveryError(`HTTP ${status}${name}`, { httpStatus: status });
      return { httpStatus: status };
    },
  };
}

/** The egress check, its refusals said as delivery errors (retried only when DNS failed). */
async function checked(target: string, allow: EgressAllow, resolve?: Resolver) {
  try {
    return await checkOutboundUrl(target, allow, resolve);
  } catch (e) {
    if (e instanceof UnresolvedHostError) throw new DeliveryError(e.message);
    if (e instanceof DomainError) throw new DeliveryError(e.message, { permanent: true });
    throw e;
  }
}

/** One POST to one checked address; resolves with the status once the answer's head is in. */
function post(
  url: URL,
  address: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<number> {
  const lookup = pinnedLookup(address);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    let req: ClientRequest | undefined;
    const timer = setTimeout(
      () => {
        const err = new Error("timeout");
        err.name = "TimeoutError";
        req?.destroy(err);
      },
      Math.max(timeoutMs, 1),
    );
    req = send({
      host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: "POST",
      headers: {
        ...headers,
        host: url.host,
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      },
      lookup,
      ...(isIP(host) ? {} : { servername: host }),
      agent: false,
      maxHeaderSize: MAX_RESPONSE_HEAD_BYTES,
    });
    req.on("response", (res) => {
      clearTimeout(timer);
      resolve(res.statusCode ?? 0);
      // The body is never read: only the status counts.
      res.destroy();
      req?.destroy();
    });
    req.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(body);
  });
}

function connectionProblem(err: Error & { code?: string }, timeoutMs: number): string {
  if (err.name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
  if (err.code === "HPE_HEADER_OVERFLOW")
    return `the answer's headers exceed ${MAX_RESPONSE_HEAD_BYTES} bytes`;
  return `connection failed: ${err.code ?? err.message}`;
}
