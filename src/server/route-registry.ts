import type { FastifyInstance } from "fastify";
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
