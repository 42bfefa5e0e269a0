import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { SESSION_ABSOLUTE_MS, sessionUser, signIn, signOut } from "../../auth/session.service.js";
import { signInThrottle } from "../../auth/sign-in-throttle.js";
import { DomainError } from "../../domain/errors.js";
import type { Runtime } from "../../runtime.js";
import { requestPrincipal } from "../access.hook.js";
import {
  clearSessionCookie,
  readCookie,
  SESSION_COOKIE,
  sameOrigin,
  setSessionCookie,
} from "../http-auth.js";
import { SessionSchema, SignInBody } from "./identity.schemas.js";

const tags = ["session"];

/** Sign in (a session cookie), who am I, sign out. */
export const sessionRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const throttle = signInThrottle(rt.identity);

    app.post(
      "/session",
      {
        config: { permission: "public" },
        schema: {
          tags,
          summary: "Sign in",
          description:
            "Checks e-mail and password and sets an httpOnly, SameSite=Strict session cookie. Answers the CSRF token that changes made with the cookie must send as `x-csrf-token`. Failed sign-ins are limited per address and per account (429 with Retry-After).",
          body: SignInBody,
          response: { 200: SessionSchema },
        },
      },
      async (req, reply) => {
        // Another site's page must not sign the browser in to an account of its choosing.
        if (!sameOrigin(req, rt.config))
          throw new DomainError("forbidden", "sign-in from another site's page is refused");
        try {
          const s = await signIn(rt, throttle, {
            email: req.body.email,
            password: req.body.password,
            ip: req.ip,
            user_agent: req.headers["user-agent"],
          });
          setSessionCookie(reply, rt.config, s.session_id, SESSION_ABSOLUTE_MS / 1000);
          return {
            user: s.user,
            role: s.user.role,
            via: "session" as const,
            csrf_token: s.csrf_token,
            expires_at: s.expires_at,
          };
        } catch (e) {
          if (e instanceof DomainError && e.code === "rate_limited")
            reply.header("retry-after", String(e.extra.retry_after ?? 60));
          throw e;
        }
      },
    );

    app.get(
      "/session",
      {
        config: { permission: "self" },
        schema: { tags, summary: "Who am I", response: { 200: SessionSchema } },
      },
      async (req) => {
        const p = requestPrincipal(req);
        const cookie = p.via === "session" ? readCookie(req, SESSION_COOKIE) : undefined;
        const session = cookie ? await sessionUser(rt, cookie) : undefined;
        return {
          user: p.user,
          role: p.role,
          via: p.via,
          ...(p.scope ? { scope: p.scope } : {}),
          ...(p.csrf ? { csrf_token: p.csrf } : {}),
          ...(session ? { expires_at: session.expires_at } : {}),
        };
      },
    );

    app.delete(
      "/session",
      {
        config: { permission: "self" },
        schema: { tags, summary: "Sign out", response: { 204: z.null() } },
      },
      async (req, reply) => {
        const p = requestPrincipal(req);
        const cookie = readCookie(req, SESSION_COOKIE);
        if (p.via === "session" && cookie) await signOut(rt, cookie, p.user);
        clearSessionCookie(reply, rt.config);
        return reply.status(204).send(null);
      },
    );
  };
