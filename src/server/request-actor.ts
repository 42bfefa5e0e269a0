import type { FastifyRequest } from "fastify";
import type { Actor } from "../domain/actor.js";

/**
 * The actor behind a request. Until sign-in exists every request acts as the local operator;
 * authentication will bind the real person or token here and nothing else changes.
 */
export function requestActor(_request: FastifyRequest): Actor {
  return { kind: "person", id: "operator", name: "Local operator" };
}
