import type { SwaggerTransform } from "@fastify/swagger";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import type { Permission } from "../auth/permissions.matrix.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * The name a wildcard route (`/ack/*`) gives its `*` in the OpenAPI document, where a path
     * template needs a named parameter: `/ack/{token}`. Default `path`.
     */
    wildcard?: string;
  }
}

/** One registered route as the access layer sees it. */
export interface RegisteredRoute {
  method: string;
  url: string;
  /** The path as the OpenAPI document writes it: `/api/v1/incidents/{id}`, `/api/v1/ack/{token}`. */
  path: string;
  permission: Permission | undefined;
}

/** Fastify's `/x/:id` and `/x/*` as an OpenAPI path template: `/x/{id}`, `/x/{path}`. */
export function openApiPath(url: string, wildcard = "path"): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, "{$1}").replace(/\*$/, `{${wildcard}}`);
}

const registries = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/**
 * Records every route as it is registered (must be installed before any route), so that tests
 * can walk all of them — including ones added later by anyone — and check each declares a
 * permission and answers as the matrix says.
 */
export function recordRoutes(app: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  registries.set(app, routes);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      routes.push({
        method,
        url: route.url,
        path: openApiPath(route.url, route.config?.wildcard),
        permission: route.config?.permission,
      });
  });
}

/** Every route registered on the app (HEAD twins of GET routes included). */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return registries.get(app) ?? [];
}

/** A JSON Schema object's `*` property renamed (the wildcard's path parameter). */
function renameWildcard(params: unknown, name: string): unknown {
  const schema = params as { properties?: Record<string, unknown>; required?: string[] };
  if (!schema?.properties || !("*" in schema.properties)) return params;
  const { "*": wildcard, ...rest } = schema.properties;
  return {
    ...schema,
    properties: { ...rest, [name]: wildcard },
    required: schema.required?.map((p) => (p === "*" ? name : p)),
  };
}

/**
 * The OpenAPI transform: zod schemas to JSON Schema, each operation's permission as
 * `x-permission` (absent when the route declares none), so that API users see what a route
 * needs and the access test can walk the served document against the permission matrix; and a
 * wildcard route as a valid path template (`/ack/*` → `/ack/{token}`, `{*}` is not one).
 * The whole document is finished in `openapi-document.ts` (security, problem answers, ids).
 */
export const openApiTransform: SwaggerTransform = (input) => {
  const out = jsonSchemaTransform(input as Parameters<typeof jsonSchemaTransform>[0]);
  const config = input.route.config as { permission?: Permission; wildcard?: string } | undefined;
  const schema = { ...out.schema } as Record<string, unknown>;
  if (config?.permission !== undefined) schema["x-permission"] = config.permission;
  let url = out.url;
  if (url.endsWith("*")) {
    const name = config?.wildcard ?? "path";
    url = `${url.slice(0, -1)}:${name}`;
    schema.params = renameWildcard(schema.params, name);
  }
  return { url, schema: schema as typeof out.schema };
};
