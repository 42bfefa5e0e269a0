import type { z } from "zod";
import type { Endpoint, RequestOf } from "../contract/endpoint.js";
import type { Problem } from "../contract/problem.js";

/**
 * The typed client over `contract/`: `client.call(incidents.declare, { body })` sends the request
 * the endpoint describes and resolves with its answer, typed by the same schemas the server
 * validates with. How bytes travel is the transport's business: `fetch` for a server (the CLI's
 * `--server`, the web), `app.inject` for the CLI's local mode.
 */

/** One HTTP exchange as the transport sees it. `url` is the path and query under the origin. */
export interface HttpRequest {
  method: Endpoint["method"];
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  text: string;
  /** Response headers, lower-case names (a session's `set-cookie`, a list's `etag`). */
  headers: Record<string, string>;
}

/** Sends one request; rejects only when no answer came (network down, aborted). */
export type Transport = (request: HttpRequest) => Promise<HttpAnswer>;

/** A failed call, carrying the server's problem details (or ones made up for a non-problem answer). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
  }

  /** 0 when the server could not be reached. */
  get status(): number {
    return this.problem.status;
  }

  /** The stable part of the problem type: `gate_blocked`, `stale_version`, ... */
  get code(): string {
    return this.problem.type.replace(/^.*\/problems\//, "");
  }
}

export interface CallOptions {
  /** The incident version the change was made on: refused with 412 stale_version if stale. */
  ifMatch?: number;
  signal?: AbortSignal;
  /** A body sent as is with its content type instead of JSON (YAML documents, EVTX files). */
  raw?: { body: string; contentType: string };
  headers?: Record<string, string>;
}

/** The parsed answer of an endpoint: what its response schema serialises to. */
export type AnswerOf<E extends Endpoint> = E["response"] extends z.ZodType
  ? z.output<E["response"]>
  : undefined;

/** Request members may be left out when the endpoint needs none of them. */
type CallArgs<E extends Endpoint> =
  Record<string, never> extends RequestOf<E>
    ? [request?: RequestOf<E>, options?: CallOptions]
    : [request: RequestOf<E>, options?: CallOptions];

export interface Client {
  call<E extends Endpoint>(endpoint: E, ...args: CallArgs<E>): Promise<AnswerOf<E>>;
}

const API_BASE = "/api/v1";

type QueryValue = string | number | boolean | readonly string[] | null | undefined;

/**
 * The path and query of a call: `:name` segments filled from `params` (encoded), query members
 * left out when empty, lists joined with commas (how every list filter of the API reads them).
 */
export function endpointUrl(
  path: string,
  params?: Record<string, string | number>,
  query?: Record<string, QueryValue>,
): string {
  const filled = path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${path}: no value for :${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(","));
    } else search.set(key, String(value));
  }
  const qs = search.toString();
  return `${API_BASE}${filled}${qs ? `?${qs}` : ""}`;
}

/** Problem details for an answer that is not problem+json (a proxy's HTML error page). */
function problemFromAnswer(answer: HttpAnswer): Problem {
  return {
    type: "about:blank",
    title: `HTTP ${answer.status}`,
    status: answer.status,
    detail:
      answer.status >= 500
        ? `The server failed (${answer.status}). Try again in a moment; nothing you sent is lost.`
        : answer.text.slice(0, 300) || `The server answered ${answer.status}.`,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The answer's body: JSON parsed, other content types as text, null for 204 (no content). */
function answerBody(answer: HttpAnswer): unknown {
  if (answer.status === 204) return null;
  if (answer.text === "") return undefined;
  return /json/.test(answer.contentType) ? parseJson(answer.text) : answer.text;
}

/** The parsed body of a successful answer; a failed one throws its problem as an ApiError. */
function readAnswer(answer: HttpAnswer): unknown {
  const parsed = answerBody(answer);
  if (answer.status < 400) return parsed;
  const problem =
    parsed && typeof parsed === "object" && "status" in parsed
      ? (parsed as Problem)
      : problemFromAnswer(answer);
  throw new ApiError(problem);
}

export function createClient(transport: Transport): Client {
  return {
    async call(endpoint, ...[request, options = {}]) {
      const { params, query, body } = (request ?? {}) as {
        params?: Record<string, string | number>;
        query?: Record<string, QueryValue>;
        body?: unknown;
      };
      const headers: Record<string, string> = { accept: "application/json", ...options.headers };
      let sent: string | undefined;
      if (options.raw) {
        headers["content-type"] = options.raw.contentType;
        sent = options.raw.body;
      } else if (endpoint.consumes && typeof body === "string") {
        headers["content-type"] = endpoint.consumes[0];
        sent = body;
      } else if (body !== undefined) {
        headers["content-type"] = "application/json";
        sent = JSON.stringify(body);
      }
      if (options.ifMatch !== undefined) headers["if-match"] = `"${options.ifMatch}"`;
      const answer = await transport({
        method: endpoint.method,
        url: endpointUrl(endpoint.path, params, query),
        headers,
        body: sent,
        signal: options.signal,
      });
      return readAnswer(answer) as never;
    },
  };
}

/**
 * A transport over `fetch` to `origin` (empty for the page's own origin). A request that gets no
 * answer becomes an ApiError with status 0 naming where it could not go.
 */
export function fetchTransport(origin: string, init: RequestInit = {}): Transport {
  return async ({ method, url, headers, body, signal }) => {
    let res: Response;
    try {
      res = await fetch(`${origin}${url}`, {
        ...init,
        method,
        headers: { ...(init.headers as Record<string, string>), ...headers },
        body,
        signal,
      });
    } catch (e) {
      if ((e as Error).name === "AbortError") throw e;
      const why = ((e as Error).cause as Error | undefined)?.message ?? (e as Error).message;
      throw new ApiError({
        type: "about:blank",
        title: "Network error",
        status: 0,
        detail: `cannot reach ${origin || "the Firebreak server"}: ${why}`,
      });
    }
    const answered: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      answered[name] = value;
    });
    return {
      status: res.status,
      contentType: res.headers.get("content-type") ?? "",
      text: await res.text(),
      headers: answered,
    };
  };
}
