import type { FastifyRequest } from "fastify";
import type { Actor } from "../domain/actor.js";
import { DomainError } from "../domain/errors.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Who the access hook bound to this request; absent on public routes. */
    actor?: Actor;
  }
}

/**
 * The actor behind a request, bound by the access hook (`server/access.hook.ts`) from the
 * session cookie or API token — or the local operator in the CLI's in-process mode. A route
 * that is public has no actor, and asking for one there is refused rather than guessed.
 */
export function requestActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError("unauthenticated", "sign in or send an API token");
  return request.actor;
}
