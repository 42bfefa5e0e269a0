import { z } from "zod";
import { ROLES, TOKEN_SCOPES } from "../domain/access-roles.js";
import { endpoint, Time } from "./endpoint.js";
import { UserSchema } from "./users.js";

/** Sign in (a session cookie), who am I, sign out. */

const SignInBody = z.object({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(1024),
});

const SessionSchema = z.object({
  user: UserSchema.nullable().describe("null for the local operator"),
  role: z.enum(ROLES),
  via: z.enum(["session", "token", "local"]),
  scope: z.enum(TOKEN_SCOPES).optional(),
  csrf_token: z
    .string()
    .optional()
    .describe("send as the x-csrf-token header on every change made with the session cookie"),
  expires_at: Time.optional(),
});

export const session = {
  signIn: endpoint({
    method: "POST",
    path: "/session",
    summary: "Sign in",
    description:
      "Checks e-mail and password and sets an httpOnly, SameSite=Strict session cookie. Answers the CSRF token that changes made with the cookie must send as `x-csrf-token`. Failed sign-ins are limited per address and per account (429 with Retry-After).",
    body: SignInBody,
    response: SessionSchema,
  }),
  whoAmI: endpoint({
    method: "GET",
    path: "/session",
    summary: "Who am I",
    response: SessionSchema,
  }),
  signOut: endpoint({
    method: "DELETE",
    path: "/session",
    summary: "Sign out",
    response: z.null(),
    status: 204,
  }),
};

export type SessionView = z.output<typeof SessionSchema>;
export type SignInInput = z.input<typeof SignInBody>;
