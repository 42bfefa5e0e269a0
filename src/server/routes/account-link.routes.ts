import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  inviteUser,
  openLink,
  passwordResetLink,
  redeemLink,
} from "../../auth/account-link.service.js";
import { checkPasswordAllowed } from "../../auth/oidc-policy.js";
import { accountLinks } from "../../contract/account-links.js";
import { DomainError } from "../../domain/errors.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { sameOrigin } from "../http-auth.js";
import { requestActor } from "../request-actor.js";
import { answerSignedIn } from "./session.routes.js";

/** Invitation and password-reset links: admins make them; the person uses one, once. */
export const accountLinkRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const admin = { tags: ["users"], config: { permission: "users:admin" as const } };
    const open = { tags: ["users"], config: { permission: "public" as const } };

    // The web page that takes the token: at the public URL when one is set, else where the
    // admin reached this server.
    const welcome = (req: FastifyRequest, token: string) =>
      `${rt.config.publicUrl?.replace(/\/+$/, "") ?? `${req.protocol}://${req.host}`}/welcome/${token}`;

    serve(app, accountLinks.invite, admin, async (req) => {
      const { user, token, expires_at } = await inviteUser(rt, req.body, requestActor(req));
      return { user, link: welcome(req, token), expires_at };
    });

    serve(app, accountLinks.passwordLink, admin, async (req) => {
      const { token, expires_at } = await passwordResetLink(rt, req.params.id, requestActor(req));
      return { link: welcome(req, token), expires_at };
    });

    serve(app, accountLinks.get, open, async (req) => {
      const { link, user } = await openLink(rt, req.params.token);
      return {
        purpose: link.purpose,
        email: user.email,
        name: user.name,
        expires_at: link.expires_at,
      };
    });

    serve(app, accountLinks.redeem, open, async (req, reply) => {
      if (!sameOrigin(req, rt.config))
        throw new DomainError("forbidden", "a link used from another site's page is refused");
      const { user } = await openLink(rt, req.params.token);
      await checkPasswordAllowed(rt, rt.config, user.email, req.ip);
      const signedIn = await redeemLink(rt, req.params.token, req.body.password, {
        ip: req.ip,
        user_agent: req.headers["user-agent"],
      });
      return answerSignedIn(reply, rt.config, signedIn);
    });
  };
