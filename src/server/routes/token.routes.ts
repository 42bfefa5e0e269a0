import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createToken, listTokens, revokeToken } from "../../auth/token.service.js";
import type { Runtime } from "../../runtime.js";
import { requestPrincipal } from "../access.hook.js";
import { NewTokenBody, TokenSchema } from "./identity.schemas.js";

const tags = ["tokens"];

/** API tokens: created by a user, shown once, scoped, expiring, revocable. */
export const tokenRoutes =
  (rt: Runtime): FastifyPluginAsyncZod =>
  async (app) => {
    const config = { permission: "tokens:write" as const };

    app.post(
      "/tokens",
      {
        config,
        schema: {
          tags,
          summary: "Create an API token",
          description:
            "The answer's `token` is the only time the secret is shown; only its SHA-256 is kept. Send it as `Authorization: Bearer <token>`. Scopes: read, write, ingest (events and alerts only).",
          body: NewTokenBody,
          response: { 201: TokenSchema.extend({ token: z.string() }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createToken(rt, requestPrincipal(req), req.body)),
    );

    app.get(
      "/tokens",
      {
        config,
        schema: {
          tags,
          summary: "List API tokens (yours; admins: everyone's with ?all=true)",
          querystring: z.object({ all: z.enum(["true", "false"]).optional() }),
          response: { 200: z.object({ items: z.array(TokenSchema), next_cursor: z.null() }) },
        },
      },
      async (req) => ({
        items: await listTokens(rt, requestPrincipal(req), req.query.all === "true"),
        next_cursor: null,
      }),
    );

    app.delete(
      "/tokens/:id",
      {
        config,
        schema: {
          tags,
          summary: "Revoke an API token",
          params: z.object({ id: z.string() }),
          response: { 200: TokenSchema },
        },
      },
      async (req) => revokeToken(rt, requestPrincipal(req), req.params.id),
    );
  };
