import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { checkPasswordAllowed } from "../../auth/oidc-policy.js";
import {
  SESSION_ABSOLUTE_MS,
  type SignedIn,
  sessionUser,
  signIn,
  signOut,
} from "../../auth/session.service.js";
import { signInThrottle } from "../../auth/sign-in-throttle.js";
import type { Config } from "../../config.js";
import { session } from "../../contract/session.js";
import { DomainError } from "../../domain/errors.js";
import type { Runtime } from "../../runtime.js";
import { requestPrincipal } from "../access.hook.js";
import { serve } from "../contract-route.js";
import {
  clearSessionCookie,
  readCookie,
  SESSION_COOKIE,
  sameOrigin,
  setSessionCookie,
} from "../http-auth.js";

/**
 * Sets the session cookie of a fresh sign-in and answers what `POST /session` answers; the
 * setup and account-link routes sign in the same way.
 */
export function answerSignedIn(reply: FastifyReply, config: Config, s: SignedIn) {
  setSessionCookie(reply, config, s.session_id, SESSION_ABSOLUTE_MS / 1000);
  return {
    user: s.user,
    role: s.user.role,
    via: "session" as const,
    csrf_token: s.csrf_token,
    expires_at: s.expires_at,
  };
}

/** A throttled attempt says when to come back (`Retry-After`). */
export function retryAfter(reply: FastifyReply, e: unknown): void {
  if (e instanceof DomainError && e.code === "rate_limited")
    reply.header("retry-after", String(e.extra.retry_after ?? 60));
}

/** Sign in (a session cookie), who am I, sign out. */
export const sessionRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const throttle = signInThrottle(rt.identity);

    const tags = ["session"];
    serve(app, session.signIn, { tags, config: { permission: "public" } }, async (req, reply) => {
      // Another site's page must not sign the browser in to an account of its choosing.
      if (!sameOrigin(req, rt.config))
        throw new DomainError("forbidden", "sign-in from another site's page is refused");
      await checkPasswordAllowed(rt, rt.config, req.body.email, req.ip);
      try {
        const s = await signIn(rt, throttle, {
          email: req.body.email,
          password: req.body.password,
          ip: req.ip,
          user_agent: req.headers["user-agent"],
        });
        return answerSignedIn(reply, rt.config, s);
      } catch (e) {
        retryAfter(reply, e);
        throw e;
      }
    });

    serve(app, session.whoAmI, { tags, config: { permission: "self" } }, async (req) => {
      const p = requestPrincipal(req);
      const cookie = p.via === "session" ? readCookie(req, SESSION_COOKIE) : undefined;
      const current = cookie ? await sessionUser(rt, cookie) : undefined;
      return {
        user: p.user,
        role: p.role,
        via: p.via,
        ...(p.scope ? { scope: p.scope } : {}),
        ...(p.csrf ? { csrf_token: p.csrf } : {}),
        ...(current ? { expires_at: current.expires_at } : {}),
      };
    });

    serve(app, session.signOut, { tags, config: { permission: "self" } }, async (req, reply) => {
      const p = requestPrincipal(req);
      const cookie = readCookie(req, SESSION_COOKIE);
      if (p.via === "session" && cookie) await signOut(rt, cookie, p.user);
      clearSessionCookie(reply, rt.config);
      return null;
    });
  };
