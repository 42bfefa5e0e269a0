import {
  ApiError,
  type Client,
  createClient,
  endpointUrl,
  fetchTransport,
  readAnswer,
  type Transport,
} from "../../../src/client/client";
import type { Problem } from "../../../src/contract/problem";

export { ApiError };

/**
 * The web's way to the API: the typed client of `src/client/` over `fetch` on the page's own
 * origin, with the session cookie, the anti-forgery header on every change, and a signal to the
 * sign-in screen whenever the server says the caller is not signed in.
 */

export type Query = Record<string, string | number | boolean | string[] | undefined>;

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, with its content type (YAML uploads). */
  text?: { body: string; contentType: string };
  query?: Query;
  /** The incident version the change was made on: refused with 412 stale_version if stale. */
  ifMatch?: number;
  signal?: AbortSignal;
}

let csrfToken: string | undefined;
const unauthenticatedListeners = new Set<() => void>();

/** The sign-in session's anti-forgery token, sent with every change. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called whenever the server says the caller is not signed in. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export function apiUrl(path: string, query?: Query): string {
  return endpointUrl(path, undefined, query);
}

const sameOrigin = fetchTransport("", { credentials: "same-origin" });

const transport: Transport = async (request) => {
  const headers = { ...request.headers };
  if (request.method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  const answer = await sameOrigin({ ...request, headers });
  if (answer.status === 401) for (const listener of unauthenticatedListeners) listener();
  return answer;
};

/** The typed client: `client.call(incidents.get, { params: { id } })`. */
export const client: Client = createClient(transport);

/**
 * @deprecated Transitional untyped call, while the web's API modules move to `client.call`;
 * removed when none is left. Resolves with the parsed JSON (undefined for 204), rejects with
 * ApiError.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.json || options.text ? "POST" : "GET");
  const headers: Record<string, string> = { accept: "application/json" };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.text) {
    headers["content-type"] = options.text.contentType;
    body = options.text.body;
  }
  if (options.ifMatch !== undefined) headers["if-match"] = `"${options.ifMatch}"`;
  const answer = await transport({
    method,
    url: apiUrl(path, options.query),
    headers,
    body,
    signal: options.signal,
  });
  return readAnswer(answer) as T;
}

export type { Problem };

/** A readable message for anything a call can throw. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
