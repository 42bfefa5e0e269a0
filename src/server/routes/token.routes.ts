import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createToken, listTokens, revokeToken } from "../../auth/token.service.js";
import { tokens } from "../../contract/tokens.js";
import type { Runtime } from "../../runtime.js";
import { requestPrincipal } from "../access.hook.js";
import { serve } from "../contract-route.js";

/** API tokens: created by a user, shown once, scoped, expiring, revocable. */
export const tokenRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const own = { tags: ["tokens"], config: { permission: "tokens:write" as const } };

    serve(app, tokens.create, own, async (req) => createToken(rt, requestPrincipal(req), req.body));
    serve(app, tokens.list, own, async (req) => ({
      items: await listTokens(rt, requestPrincipal(req), req.query.all === "true"),
      next_cursor: null,
    }));
    serve(app, tokens.revoke, own, async (req) =>
      revokeToken(rt, requestPrincipal(req), req.params.id),
    );
  };
