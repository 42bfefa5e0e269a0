import type { IncomingMessage } from "node:http";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { checkOutboundUrl, type EgressAllow, pinnedLookup, type Resolver } from "./egress.js";

/** Discovery documents, key sets and token answers are small; a larger answer is refused. */
export const MAX_OIDC_ANSWER_BYTES = 1024 * 1024;
/** One deadline for connecting and reading the whole answer. */
export const OIDC_TIMEOUT_MS = 10_000;

/** The subset of `fetch`'s options openid-client passes to a custom fetch. */
export interface OidcFetchInit {
  method: string;
  headers: Record<string, string>;
  body?: URLSearchParams | string | Uint8Array | ArrayBuffer | ReadableStream | null;
  signal?: AbortSignal;
}

// Errors that happen before a byte is sent: the next checked address may be tried.
const CONNECT_ERRORS = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);

/**
 * A `fetch` for openid-client that goes through the egress check (docs/security.md#outgoing-
 * requests-egress): the host is resolved once, every address checked against `allow`, and the
 * connection made to a checked address only (a `lookup` that can answer nothing else, so DNS
 * rebinding between check and connect cannot redirect it). Redirects are not followed (openid-
 * client asks for `manual` and treats a 3xx as an error); answers over 1 MiB are refused.
 */
export function egressFetch(allow: EgressAllow, resolve?: Resolver) {
  return async (target: string, init: OidcFetchInit): Promise<Response> => {
    const { url, addresses } = await checkOutboundUrl(target, allow, resolve);
    const body = bodyBytes(init.body);
    const signal = AbortSignal.any([
      AbortSignal.timeout(OIDC_TIMEOUT_MS),
      ...(init.signal ? [init.signal] : []),
    ]);
    for (const [i, address] of addresses.entries()) {
      try {
        return await send(url, address, init, body, signal);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? "";
        if (i === addresses.length - 1 || !CONNECT_ERRORS.has(code)) throw e;
      }
    }
    throw new Error(`no address of ${url.hostname} answered`);
  };
}

function bodyBytes(body: OidcFetchInit["body"]): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new Error("streamed request bodies are not sent to the identity provider");
}

/** One request to one checked address; resolves with the whole answer. */
function send(
  url: URL,
  address: string,
  init: OidcFetchInit,
  body: Buffer | undefined,
  signal: AbortSignal,
): Promise<Response> {
  const lookup = pinnedLookup(address);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<Response>((resolve, reject) => {
    const req = request({
      host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: init.method,
      headers: {
        ...init.headers,
        host: url.host,
        ...(body ? { "content-length": String(body.length) } : {}),
      },
      lookup,
      ...(isIP(host) ? {} : { servername: host }),
      agent: false,
      signal,
    });
    req.on("response", (res) => {
      readAnswer(res).then(resolve, reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function readAnswer(res: IncomingMessage): Promise<Response> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_OIDC_ANSWER_BYTES) {
      res.destroy();
      throw new Error(`the identity provider's answer exceeds ${MAX_OIDC_ANSWER_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers))
    if (value !== undefined && name !== "set-cookie")
      headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  const status = res.statusCode ?? 502;
  const empty = status === 204 || status === 304 || (status >= 100 && status < 200);
  return new Response(empty ? null : Buffer.concat(chunks), { status, headers });
}
