import { z } from "zod";
import { ROLES } from "../domain/access-roles.js";
import { endpoint, Time, whole } from "./endpoint.js";

/** Users: admins create, change and disable them. */

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  person_id: z.string().nullable().describe("the plan team person this user is"),
  disabled: z.boolean(),
  created_at: Time,
  updated_at: Time,
  last_sign_in_at: Time.nullable(),
  time_zone: z
    .string()
    .nullable()
    .describe(
      "IANA zone the web shows this user's times in; null: the organisation's (plan), else UTC",
    ),
});

const NewUserBody = z.object({
  email: z.string().min(3).max(254),
  name: z.string().min(1).max(200),
  role: z.enum(ROLES),
  person_id: z.string().nullable().optional(),
  password: z.string().optional().describe("omit for an account that only holds API tokens"),
});

const UserPatchBody = z.object({
  name: z.string().min(1).max(200).optional(),
  role: z.enum(ROLES).optional(),
  person_id: z.string().nullable().optional(),
  disabled: z.boolean().optional(),
  password: z.string().optional(),
});

const OwnSettingsBody = z.object({
  time_zone: z
    .string()
    .max(64)
    .nullable()
    .describe("an IANA zone such as Europe/Berlin; null: the organisation's"),
});

const ByUser = z.object({ id: z.string().describe("user id or e-mail address") });

export const users = {
  list: endpoint({
    method: "GET",
    path: "/users",
    response: whole(UserSchema),
  }),
  create: endpoint({
    method: "POST",
    path: "/users",
    body: NewUserBody,
    response: UserSchema,
    status: 201,
  }),
  updateMe: endpoint({
    method: "PATCH",
    path: "/users/me",
    summary: "Change my own settings",
    description:
      "The signed-in user's display time zone, which the web shows every time in (null: the organisation's, from the plan in force, else UTC). The local operator has no account to change.",
    body: OwnSettingsBody,
    response: UserSchema,
  }),
  get: endpoint({ method: "GET", path: "/users/:id", params: ByUser, response: UserSchema }),
  update: endpoint({
    method: "PATCH",
    path: "/users/:id",
    description:
      "Change name, role, person, password, or disable. Disabling, a new password or a new role ends the user's sessions; a disabled user's tokens stop working.",
    params: ByUser,
    body: UserPatchBody,
    response: UserSchema,
  }),
};

export type UserView = z.output<typeof UserSchema>;
export type NewUserInput = z.input<typeof NewUserBody>;
export type UserPatch = z.input<typeof UserPatchBody>;
export type OwnSettings = z.input<typeof OwnSettingsBody>;
