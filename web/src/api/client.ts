import {
  ApiError,
  type Client,
  createClient,
  fetchTransport,
  type Transport,
} from "../../../src/client/client";

export { ApiError };

/**
 * The web's way to the API: the typed client of `src/client/` over `fetch` on the page's own
 * origin, with the session cookie, the anti-forgery header on every change, and a signal to the
 * sign-in screen whenever the server says the caller is not signed in.
 */

let csrfToken: string | undefined;
const unauthenticatedListeners = new Set<() => void>();

/** The sign-in session's anti-forgery token, sent with every change. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The anti-forgery header for a change sent outside the client (an upload with progress). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { "x-csrf-token": csrfToken } : {};
}

/** Called whenever the server says the caller is not signed in. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
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

/** A readable message for anything a call can throw. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
