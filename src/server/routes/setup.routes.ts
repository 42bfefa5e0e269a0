import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { startSession } from "../../auth/session.service.js";
import { completeSetup, setupNeeded } from "../../auth/setup.service.js";
import { signInThrottle } from "../../auth/sign-in-throttle.js";
import { setup } from "../../contract/setup.js";
import { DomainError } from "../../domain/errors.js";
import type { Runtime } from "../../runtime.js";
import { serve } from "../contract-route.js";
import { sameOrigin } from "../http-auth.js";
import { answerSignedIn, retryAfter } from "./session.routes.js";

/** First start: whether an admin is still needed, and creating them with the setup code. */
export const setupRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const throttle = signInThrottle(rt.identity);
    const open = { tags: ["session"], config: { permission: "public" as const } };

    serve(app, setup.status, open, async () => ({ needed: await setupNeeded(rt) }));

    serve(app, setup.complete, open, async (req, reply) => {
      if (!sameOrigin(req, rt.config))
        throw new DomainError("forbidden", "setup from another site's page is refused");
      try {
        const user = await completeSetup(rt, throttle, { ...req.body, ip: req.ip });
        const signedIn = await startSession(rt, user, {
          ip: req.ip,
          user_agent: req.headers["user-agent"],
        });
        return answerSignedIn(reply, rt.config, signedIn);
      } catch (e) {
        retryAfter(reply, e);
        throw e;
      }
    });
  };
