import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  beginSignIn,
  finishSignIn,
  type OidcSettings,
  oidcClient,
  SsoFailure,
} from "../../auth/oidc.service.js";
import type { Config } from "../../config.js";
import { oidcAuth, type SsoFailureCode } from "../../contract/oidc.js";
import { notFound } from "../../domain/errors.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { readCookie } from "../http-auth.js";
import { answerSignedIn } from "./session.routes.js";

/** Binds a sign-in under way to the browser that began it; sent back only to these routes. */
const LOGIN_COOKIE = "firebreak_oidc";
const LOGIN_COOKIE_PATH = "/api/v1/auth/oidc";
const CALLBACK_PATH = "/api/v1/auth/oidc/callback";

/** Single sign-on's settings, when the configuration turns it on (config.ts checks the set). */
export function oidcSettingsFrom(config: Config): OidcSettings | undefined {
  if (!config.oidcIssuer || !config.oidcClientId || !config.publicUrl) return undefined;
  return {
    issuer: config.oidcIssuer,
    clientId: config.oidcClientId,
    ...(config.oidcClientSecret ? { clientSecret: config.oidcClientSecret } : {}),
    redirectUri: new URL(CALLBACK_PATH, config.publicUrl).href,
    scopes: config.oidcScopes,
    groupsClaim: config.oidcGroupsClaim,
    groups: config.oidcRoleGroups,
    defaultRole: config.oidcDefaultRole,
    breakGlassEmails: config.breakGlassEmails,
    egressAllow: config.egressAllow,
  };
}

/**
 * SameSite=Lax, unlike the session cookie: the provider's redirect back is a cross-site
 * navigation, which Strict cookies do not ride on. Scoped to the two routes that read it.
 */
function setLoginCookie(reply: FastifyReply, config: Config, value: string, maxAge: number) {
  const flags = [`Path=${LOGIN_COOKIE_PATH}`, "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`];
  if (config.publicUrl?.startsWith("https:")) flags.push("Secure");
  reply.header("set-cookie", `${LOGIN_COOKIE}=${value}; ${flags.join("; ")}`);
}

const toSignInPage = (reply: FastifyReply, reason: SsoFailureCode) =>
  reply.redirect(`/?sso_error=${reason}`, 302);

/** How to sign in, and the browser's trip to the identity provider and back. */
export const oidcRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const settings = oidcSettingsFrom(rt.config);
    const client = settings ? oidcClient(settings) : undefined;
    const open = { tags: ["session"], config: { permission: "public" as const } };

    serve(app, oidcAuth.methods, open, async () => ({
      password: rt.config.passwordSignIn === "on",
      sso: client ? { name: rt.config.oidcName, start: "/api/v1/auth/oidc/start" } : null,
    }));

    serve(app, oidcAuth.start, open, async (req, reply) => {
      if (!client) throw notFound("single sign-on configuration", "oidc");
      try {
        const begun = await beginSignIn(rt, client);
        setLoginCookie(reply, rt.config, begun.browserId, begun.maxAgeSeconds);
        return reply.redirect(begun.url, 302);
      } catch (e) {
        req.log.warn({ err: e }, "single sign-on could not start");
        return toSignInPage(reply, e instanceof SsoFailure ? e.reason : "provider");
      }
    });

    serve(app, oidcAuth.callback, open, async (req, reply) => {
      if (!client) throw notFound("single sign-on configuration", "oidc");
      // Used or not, the sign-in under way ends here: the cookie goes.
      setLoginCookie(reply, rt.config, "", 0);
      const query = req.url.indexOf("?");
      try {
        const signedIn = await finishSignIn(rt, client, {
          browserId: readCookie(req, LOGIN_COOKIE),
          search: query < 0 ? "" : req.url.slice(query),
          ip: req.ip,
          user_agent: req.headers["user-agent"],
        });
        answerSignedIn(reply, rt.config, signedIn);
        return reply.redirect("/", 302);
      } catch (e) {
        // Refusals are audited by finishSignIn; the log keeps the provider's own words.
        req.log.warn({ err: e }, "single sign-on refused");
        return toSignInPage(reply, e instanceof SsoFailure ? e.reason : "provider");
      }
    });
  };
