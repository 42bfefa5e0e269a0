import type { FastifyInstance, FastifyRequest } from "fastify";
import { audit } from "../audit/audit.service.js";
import type { Permission } from "../auth/permissions.matrix.js";
import { allows } from "../auth/permissions.matrix.js";
import { localPrincipal, type Principal, userPrincipal } from "../auth/principal.js";
import { csrfMatches, csrfTokenFor, sessionUser } from "../auth/session.service.js";
import { tokenUser } from "../auth/token.service.js";
import { DomainError } from "../domain/errors.js";
import type { Runtime } from "../runtime.js";
import {
  bearerToken,
  CSRF_HEADER,
  readCookie,
  SAFE_METHODS,
  SESSION_COOKIE,
  sameOrigin,
} from "./http-auth.js";
import { RejectionAudit } from "./rejection-audit.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Who the access hook established; absent on public routes. */
    principal?: Principal;
  }
}

export type AuthMode = "enforce" | "trust-local";

/** Routes about one incident: a refusal there is audited on that incident. */
const INCIDENT_ROUTE = /^\/api\/v1\/incidents\/:id(\/|$)/;

const denied = (message: string) => new DomainError("forbidden", message);

/** The credentials on a request, checked: a bearer token, else a session cookie. */
async function authenticate(
  rt: Runtime,
  request: FastifyRequest,
  rejections: RejectionAudit,
): Promise<Principal> {
  const bearer = bearerToken(request);
  if (bearer !== undefined) {
    const found = await tokenUser(rt, bearer);
    if (!found) {
      const { audit: write, unwritten } = rejections.take(request.ip);
      if (write)
        await audit(rt, {
          action: "token.rejected",
          outcome: "failure",
          target: `${request.method} ${request.routeOptions.url}`,
          ip: request.ip,
          // Never the token itself: its first characters are enough to recognise it.
          details: {
            token_prefix: bearer.slice(0, 10),
            ...(unwritten > 0 ? { unaudited_before: unwritten } : {}),
          },
        });
      throw new DomainError("unauthenticated", "the API token is unknown, revoked or expired");
    }
    return userPrincipal(found.user, { token: { id: found.token.id, scope: found.token.scope } });
  }
  const sessionId = readCookie(request, SESSION_COOKIE);
  if (sessionId === undefined)
    throw new DomainError("unauthenticated", "sign in or send an API token");
  const found = await sessionUser(rt, sessionId);
  if (!found) throw new DomainError("unauthenticated", "the session has ended; sign in again");
  const principal = userPrincipal(found.user, { session: { csrf: csrfTokenFor(sessionId) } });
  // Cookies ride along on cross-site requests; a state change needs proof the page is ours.
  if (!SAFE_METHODS.has(request.method)) {
    const given = request.headers[CSRF_HEADER];
    const ok =
      sameOrigin(request, rt.config) &&
      csrfMatches(sessionId, typeof given === "string" ? given : undefined);
    if (!ok) {
      await refuse(rt, request, principal, "csrf");
      throw denied(`a change made with a session cookie needs the ${CSRF_HEADER} header`);
    }
  }
  return principal;
}

async function refuse(
  rt: Runtime,
  request: FastifyRequest,
  principal: Principal | undefined,
  reason: string,
  permission?: Permission,
) {
  await audit(rt, {
    actor: principal?.actor,
    action: "access.denied",
    outcome: "denied",
    target: `${request.method} ${request.routeOptions.url ?? request.url}`,
    ip: request.ip,
    details: { reason, ...(permission ? { permission } : {}), via: principal?.via },
    // A refusal on an incident's route commits to that incident's timeline head.
    incident: INCIDENT_ROUTE.test(request.routeOptions.url ?? "")
      ? (request.params as { id?: string }).id
      : undefined,
  });
}

/**
 * The one gate every request passes (fail closed): a route without a declared permission is
 * refused to everyone; `public` routes pass; every other route needs a valid session (with CSRF
 * proof for changes) or API token whose role and scope carry the permission (the matrix in
 * auth/permissions.matrix.ts). Refusals are audited. In `trust-local` mode (the CLI's in-process
 * API) the caller is the local operator, an admin. Which incidents the caller may see is not
 * decided here but inside the use cases, with the caller as viewer (auth/incident-visibility.ts).
 */
export function installAccess(app: FastifyInstance, rt: Runtime, mode: AuthMode): void {
  const rejections = new RejectionAudit(() => rt.clock.now().getTime());
  app.addHook("onRequest", async (request) => {
    if (request.is404) return;
    const permission = request.routeOptions.config?.permission;
    if (permission === undefined) {
      request.log.error({ route: request.routeOptions.url }, "route declares no permission");
      await refuse(rt, request, undefined, "route declares no permission");
      throw denied("this route declares no permission and is refused to everyone");
    }
    if (permission === "public") return;
    const principal =
      mode === "trust-local" ? localPrincipal() : await authenticate(rt, request, rejections);
    if (!allows(principal.role, principal.scope, permission)) {
      await refuse(rt, request, principal, "permission", permission);
      const as = principal.scope
        ? `${principal.scope === "ingest" ? "an" : "a"} '${principal.scope}' token`
        : `the ${principal.role} role`;
      throw denied(`${as} does not carry the '${permission}' permission`);
    }
    request.principal = principal;
    request.actor = principal.actor;
  });
}

/** The caller the access hook established; refused on a route that has none (a public one). */
export function requestPrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError("unauthenticated", "sign in or send an API token");
  return request.principal;
}
