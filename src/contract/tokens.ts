import { z } from "zod";
import { TOKEN_SCOPES } from "../domain/access-roles.js";
import { ById, endpoint, Time, whole } from "./endpoint.js";

/** API tokens: created by a user, shown once, scoped, expiring, revocable. */

const TokenSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  name: z.string(),
  scope: z.enum(TOKEN_SCOPES),
  prefix: z.string(),
  created_at: Time,
  expires_at: Time.nullable(),
  revoked_at: Time.nullable(),
  last_used_at: Time.nullable(),
});

const NewTokenBody = z.object({
  name: z.string().min(1).max(200),
  scope: z.enum(TOKEN_SCOPES),
  expires_in: z.string().optional().describe("ISO 8601 duration, default P90D, at most two years"),
  user: z.string().optional().describe("admins: the user (id or e-mail) the token is for"),
});

export const tokens = {
  create: endpoint({
    method: "POST",
    path: "/tokens",
    summary: "Create an API token",
    description:
      "The answer's `token` is the only time the secret is shown; only its SHA-256 is kept. Send it as `Authorization: Bearer <token>`. Scopes: read, write, ingest (events and alerts only).",
    body: NewTokenBody,
    response: TokenSchema.extend({ token: z.string() }),
    status: 201,
  }),
  list: endpoint({
    method: "GET",
    path: "/tokens",
    summary: "List API tokens (yours; admins: everyone's with ?all=true)",
    query: z.object({ all: z.enum(["true", "false"]).optional() }),
    response: whole(TokenSchema),
  }),
  revoke: endpoint({
    method: "DELETE",
    path: "/tokens/:id",
    summary: "Revoke an API token",
    params: ById,
    response: TokenSchema,
  }),
};

export type TokenView = z.output<typeof TokenSchema>;
export type NewTokenInput = z.input<typeof NewTokenBody>;
