import type {
  FastifyContextConfig,
  FastifyReply,
  FastifyRequest,
  RouteHandlerMethod,
  RouteOptions,
} from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type {
  BodyOf,
  Endpoint,
  HeadersOf,
  ParamsOf,
  QueryOf,
  ResponseOf,
} from "../contract/endpoint.js";

/** The Fastify instance route plugins get (zod type provider). */
export type RouteApp = Parameters<FastifyPluginAsyncZod>[0];

/** The request a contract handler gets: params, query, headers and body as the endpoint validated them. */
export type ContractRequest<E extends Endpoint> = FastifyRequest<{
  Params: ParamsOf<E>;
  Querystring: QueryOf<E>;
  Headers: HeadersOf<E>;
  Body: BodyOf<E>;
}>;

/**
 * A handler answers with the endpoint's response (sent with its success status), or with the
 * reply when it sent something of its own (a file, a stream, another status).
 */
export type ContractHandler<E extends Endpoint> = (
  req: ContractRequest<E>,
  reply: FastifyReply,
) => Promise<ResponseOf<E> | FastifyReply>;

export interface ContractRouteOptions {
  /** Who may call it (`server/permissions.ts`); the access hook refuses a route without one. */
  config: FastifyContextConfig;
  /** OpenAPI tags. */
  tags: string[];
  /** OpenAPI security, when callers present something else than a session or a token. */
  security?: Record<string, string[]>[];
  /** The route's own body limit and error handler (the receivers answer body errors their way). */
  bodyLimit?: number;
  errorHandler?: RouteOptions["errorHandler"];
}

/**
 * Registers the route an endpoint of `contract/` describes: its method and path, its schemas
 * for validation, serialisation and the OpenAPI document, its success status.
 */
export function serve<E extends Endpoint>(
  app: RouteApp,
  endpoint: E,
  { config, tags, security, bodyLimit, errorHandler }: ContractRouteOptions,
  handler: ContractHandler<E>,
): void {
  const status = endpoint.status ?? 200;
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    config,
    ...(bodyLimit === undefined ? {} : { bodyLimit }),
    ...(errorHandler === undefined ? {} : { errorHandler }),
    // Only the members the endpoint has: Fastify warns of a schema member present but empty.
    schema: Object.fromEntries(
      Object.entries({
        tags,
        summary: endpoint.summary,
        description: endpoint.description,
        params: endpoint.params,
        querystring: endpoint.query,
        headers: endpoint.headers,
        body: endpoint.body,
        consumes: endpoint.consumes,
        security,
        response: endpoint.response
          ? { ...endpoint.errors, [status]: endpoint.response }
          : undefined,
      }).filter(([, value]) => value !== undefined),
    ),
    handler: (async (req: FastifyRequest, reply: FastifyReply) => {
      const answer = await handler(req as ContractRequest<E>, reply);
      if (answer === reply || reply.sent) return reply;
      if (reply.statusCode === 200) reply.status(status);
      return status === 204 ? reply.send() : answer;
    }) as RouteHandlerMethod,
  });
}
