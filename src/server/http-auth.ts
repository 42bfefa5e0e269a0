import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../config.js";

/**
 * The HTTP side of credentials: the session cookie and the bearer header. Kept apart from the
 * access hook so that the sign-in routes set the cookie exactly as the hook reads it.
 */
export const SESSION_COOKIE = "firebreak_session";
export const CSRF_HEADER = "x-csrf-token";

/** The named cookie's value from the Cookie header, or undefined. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/** `Authorization: Bearer <token>` → the token, or undefined. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const m = header ? /^Bearer[ \t]+(\S+)\s*$/i.exec(header) : null;
  return m?.[1];
}

/** Cookies are `Secure` when the request came over HTTPS or the public URL is HTTPS. */
function secure(request: FastifyRequest, config: Config): boolean {
  return request.protocol === "https" || (config.publicUrl?.startsWith("https:") ?? false);
}

/**
 * Sets the session cookie: httpOnly (scripts cannot read it), SameSite=Strict (other sites'
 * pages cannot send it), and Secure over HTTPS. Its lifetime is the session's absolute one.
 */
export function setSessionCookie(
  reply: FastifyReply,
  config: Config,
  value: string,
  maxAgeSeconds: number,
): void {
  const flags = ["Path=/", "HttpOnly", "SameSite=Strict", `Max-Age=${maxAgeSeconds}`];
  if (secure(reply.request, config)) flags.push("Secure");
  reply.header("set-cookie", `${SESSION_COOKIE}=${value}; ${flags.join("; ")}`);
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  setSessionCookie(reply, config, "", 0);
}

/**
 * Whether a browser request comes from our own pages: no Origin header (not a cross-site
 * browser request), or an Origin equal to this server's (by Host, or the public URL).
 */
export function sameOrigin(request: FastifyRequest, config: Config): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const own = [`${request.protocol}://${request.host}`];
  if (config.publicUrl) own.push(new URL(config.publicUrl).origin);
  return own.includes(origin);
}

export const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The `WWW-Authenticate` challenge of every 401 (RFC 9110 §11.6.1 requires one): the API's
 * scheme is Bearer (RFC 6750), with `error="invalid_token"` when a token was sent and refused.
 * The session cookie has no HTTP authentication scheme to name; browsers ignore a Bearer
 * challenge (no password dialog), and the web interface answers any 401 with its sign-in page.
 */
export function authChallenge(request: FastifyRequest): string {
  const realm = 'Bearer realm="firebreak"';
  return bearerToken(request) === undefined ? realm : `${realm}, error="invalid_token"`;
}
