import { z } from "zod";
import { ROLES, TOKEN_SCOPES } from "../../auth/permissions.matrix.js";

/** Request and response shapes of the session, token, user and audit routes. */
export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  person_id: z.string().nullable().describe("the plan team person this user is"),
  disabled: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  last_sign_in_at: z.string().nullable(),
});

export const SignInBody = z.object({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(1024),
});

export const SessionSchema = z.object({
  user: UserSchema.nullable().describe("null for the local operator"),
  role: z.enum(ROLES),
  via: z.enum(["session", "token", "local"]),
  scope: z.enum(TOKEN_SCOPES).optional(),
  csrf_token: z
    .string()
    .optional()
    .describe("send as the x-csrf-token header on every change made with the session cookie"),
  expires_at: z.string().optional(),
});

export const TokenSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  name: z.string(),
  scope: z.enum(TOKEN_SCOPES),
  prefix: z.string(),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
});

export const NewTokenBody = z.object({
  name: z.string().min(1).max(200),
  scope: z.enum(TOKEN_SCOPES),
  expires_in: z.string().optional().describe("ISO 8601 duration, default P90D, at most two years"),
  user: z.string().optional().describe("admins: the user (id or e-mail) the token is for"),
});

export const NewUserBody = z.object({
  email: z.string().min(3).max(254),
  name: z.string().min(1).max(200),
  role: z.enum(ROLES),
  person_id: z.string().nullable().optional(),
  password: z.string().optional().describe("omit for an account that only holds API tokens"),
});

export const UserPatchBody = z.object({
  name: z.string().min(1).max(200).optional(),
  role: z.enum(ROLES).optional(),
  person_id: z.string().nullable().optional(),
  disabled: z.boolean().optional(),
  password: z.string().optional(),
});

export const AuditEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.record(z.string(), z.unknown()),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.enum(["success", "failure", "denied"]),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prev_hash: z.string(),
  hash: z.string(),
  incident_id: z.string().nullable(),
  incident_entries: z.number().nullable(),
  incident_head: z.string().nullable(),
});

export const ChainVerdictSchema = z.object({
  intact: z.boolean(),
  entries: z.number(),
  first_bad_seq: z.number().optional(),
  reason: z.string().optional(),
});
