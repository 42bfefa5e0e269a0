import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { ApiError, endpointUrl } from "../client/client.js";
import type { Endpoint } from "../contract/endpoint.js";
import type { Problem } from "../contract/problem.js";

/**
 * Requests whose body is a stream, either way (evidence files): the typed client carries text,
 * which would hold a memory image whole in memory. Over `fetch` to a server, or `app.inject`
 * in local mode, like the client's own transports (`cli/api.ts`).
 */
export interface StreamRequest {
  method: Endpoint["method"];
  url: string;
  headers: Record<string, string>;
  body?: Readable;
}

export interface StreamAnswer {
  status: number;
  headers: Record<string, string>;
  body: Readable;
}

export type StreamTransport = (request: StreamRequest) => Promise<StreamAnswer>;

/** Streams over `fetch` to `origin`; no answer at all is an ApiError with status 0, as in the client. */
export function fetchStreams(origin: string, headers: Record<string, string>): StreamTransport {
  return async (request) => {
    let res: Response;
    try {
      res = await fetch(`${origin}${request.url}`, {
        method: request.method,
        headers: { ...headers, ...request.headers },
        body: request.body ? (Readable.toWeb(request.body) as ReadableStream) : undefined,
        duplex: "half",
      } as RequestInit);
    } catch (e) {
      const why = ((e as Error).cause as Error | undefined)?.message ?? (e as Error).message;
      throw new ApiError({
        type: "about:blank",
        title: "Network error",
        status: 0,
        detail: `cannot reach ${origin}: ${why}`,
      });
    }
    const answered: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      answered[name] = value;
    });
    return {
      status: res.status,
      headers: answered,
      body: res.body
        ? Readable.fromWeb(res.body as Parameters<typeof Readable.fromWeb>[0])
        : Readable.from([]),
    };
  };
}

/** Streams through `app.inject` (the CLI's local mode): no socket, still never whole in memory. */
export function injectedStreams(app: FastifyInstance): StreamTransport {
  return async (request) => {
    const res = await app.inject({
      method: request.method,
      url: request.url,
      headers: request.headers,
      payload: request.body,
      payloadAsStream: true,
    });
    return {
      status: res.statusCode,
      headers: Object.fromEntries(
        Object.entries(res.headers).map(([name, value]) => [name, String(value)]),
      ),
      body: res.stream(),
    };
  };
}

/**
 * Calls `endpoint` with a streamed body and/or answer. A failed call throws its problem as an
 * ApiError, as the typed client does.
 */
export async function callStreaming(
  transport: StreamTransport,
  endpoint: Endpoint,
  request: {
    params: Record<string, string>;
    query?: Record<string, string | undefined>;
    body?: { stream: Readable; contentType: string; length?: number };
  },
): Promise<StreamAnswer> {
  const headers: Record<string, string> = { accept: "application/json, */*" };
  if (request.body) {
    headers["content-type"] = request.body.contentType;
    if (request.body.length !== undefined) headers["content-length"] = String(request.body.length);
  }
  const answer = await transport({
    method: endpoint.method,
    url: endpointUrl(endpoint.path, request.params, request.query),
    headers,
    body: request.body?.stream,
  });
  if (answer.status < 400) return answer;
  const chunks: Buffer[] = [];
  for await (const chunk of answer.body) chunks.push(Buffer.from(chunk as Buffer));
  const text = Buffer.concat(chunks).toString("utf8");
  let problem: Problem;
  try {
    problem = JSON.parse(text) as Problem;
  } catch {
    problem = {
      type: "about:blank",
      title: `HTTP ${answer.status}`,
      status: answer.status,
      detail: text.slice(0, 300),
    };
  }
  throw new ApiError(problem);
}
