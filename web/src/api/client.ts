import type { Problem } from "./types";

/** A failed API call, carrying the server's problem details (or ones made up for it). */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  /** The stable part of the problem type: `gate_blocked`, `stale_version`, ... */
  get code(): string {
    return this.problem.type.replace(/^.*\/problems\//, "");
  }
}

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

const BASE = "/api/v1";
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
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0))
      continue;
    params.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ""}`;
}

/** Problem details for an answer that is not problem+json (a proxy's HTML error page). */
function problemFromResponse(res: Response, text: string): Problem {
  return {
    type: "about:blank",
    title: res.statusText || `HTTP ${res.status}`,
    status: res.status,
    detail:
      res.status >= 500
        ? `The server failed (${res.status}). Try again in a moment; nothing you typed is lost.`
        : text.slice(0, 300) || `The server answered ${res.status}.`,
  };
}

/** Calls the API; resolves with the parsed JSON (undefined for 204), rejects with ApiError. */
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
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;

  let res: Response;
  try {
    res = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      signal: options.signal,
      credentials: "same-origin",
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError({
      type: "about:blank",
      title: "Network error",
      status: 0,
      detail:
        "Could not reach the Firebreak server. Check the connection and try again; nothing you typed is lost.",
    });
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const isJson = /json/.test(res.headers.get("content-type") ?? "");
  let parsed: unknown;
  if (isJson && text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (res.ok) return parsed as T;

  const problem =
    parsed && typeof parsed === "object" && "status" in parsed
      ? (parsed as Problem)
      : problemFromResponse(res, text);
  if (res.status === 401) for (const listener of unauthenticatedListeners) listener();
  throw new ApiError(problem);
}

/** A readable message for anything a call can throw. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
