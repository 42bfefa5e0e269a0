import type { SwaggerTransform } from "@fastify/swagger";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import type { Permission } from "./permissions.js";

/** One registered route as the access layer sees it. */
export interface RegisteredRoute {
  method: string;
  url: string;
  permission: Permission | undefined;
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
      routes.push({ method, url: route.url, permission: route.config?.permission });
  });
}

/** Every route registered on the app (HEAD twins of GET routes included). */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return registries.get(app) ?? [];
}

/**
 * The OpenAPI transform: zod schemas to JSON Schema, and each operation's permission as
 * `x-permission` (absent when the route declares none), so that API users see what a route
 * needs and the access test can walk the served document against the permission matrix.
 */
export const openApiTransform: SwaggerTransform = (input) => {
  const out = jsonSchemaTransform(input as Parameters<typeof jsonSchemaTransform>[0]);
  const permission = (input.route.config as { permission?: Permission } | undefined)?.permission;
  return permission === undefined
    ? out
    : { ...out, schema: { ...out.schema, "x-permission": permission } as typeof out.schema };
};
