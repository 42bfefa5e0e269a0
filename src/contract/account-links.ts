import { z } from "zod";
import { ROLES } from "../domain/access-roles.js";
import { ACCOUNT_LINK_PURPOSES } from "../domain/account-link.js";
import { endpoint, Time } from "./endpoint.js";
import { session } from "./session.js";
import { UserSchema } from "./users.js";

/**
 * One-time links that let a person choose a password in the browser: an invitation (a new user,
 * valid 7 days) or a password reset (valid 24 hours). Only the token's SHA-256 is kept.
 */

const InvitationBody = z.object({
  email: z.string().min(3).max(254),
  name: z.string().min(1).max(200),
  role: z.enum(ROLES),
  person_id: z.string().nullable().optional(),
});

const LinkSchema = z.object({
  link: z.string().describe("<origin>/welcome/<token>; shown only in this answer"),
  expires_at: Time,
});

const ByUser = z.object({ id: z.string().describe("user id or e-mail address") });
const ByToken = z.object({ token: z.string().min(1).max(200) });

export const accountLinks = {
  invite: endpoint({
    method: "POST",
    path: "/users/invitations",
    summary: "Invite a user",
    description:
      "Creates a user with no password and answers a one-time link (valid 7 days) where they choose one. Give the link to the person; it is not stored in clear.",
    body: InvitationBody,
    response: LinkSchema.extend({ user: UserSchema }),
    status: 201,
  }),
  passwordLink: endpoint({
    method: "POST",
    path: "/users/:id/password-link",
    summary: "Make a password-reset link for a user",
    description:
      "A one-time link (valid 24 hours) where the user chooses a new password. It voids the user's older unused reset links.",
    params: ByUser,
    response: LinkSchema,
    status: 201,
  }),
  get: endpoint({
    method: "GET",
    path: "/account-links/:token",
    summary: "What a one-time account link is for",
    description: "An unknown, used or expired link is one 404.",
    params: ByToken,
    response: z.object({
      purpose: z.enum(ACCOUNT_LINK_PURPOSES),
      email: z.string(),
      name: z.string(),
      expires_at: Time,
    }),
  }),
  redeem: endpoint({
    method: "POST",
    path: "/account-links/:token",
    summary: "Choose a password with a one-time account link",
    description:
      "Sets the password, uses the link up, ends the user's other sessions and signs in exactly as `POST /session` does.",
    params: ByToken,
    body: z.object({ password: z.string().min(1).max(1024) }),
    response: session.signIn.response,
  }),
};

export type InvitationInput = z.input<typeof InvitationBody>;
