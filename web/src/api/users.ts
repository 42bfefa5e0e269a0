import { accountLinks, type InvitationInput } from "../../../src/contract/account-links";
import { type UserPatch, users } from "../../../src/contract/users";
import { client } from "./client";

export type { UserView } from "../../../src/contract/users";
export type { InvitationInput, UserPatch };

const on = (id: string) => ({ params: { id } });

/** User accounts and their one-time links, as the users page calls them (admins only). */
export const usersApi = {
  list: (signal?: AbortSignal) =>
    client.call(users.list, {}, { signal }).then((page) => page.items),
  update: (id: string, patch: UserPatch) => client.call(users.update, { ...on(id), body: patch }),
  /** A new user without a password, and the one-time link where they choose one. */
  invite: (input: InvitationInput) => client.call(accountLinks.invite, { body: input }),
  /** A one-time link where the user chooses a new password. */
  passwordLink: (id: string) => client.call(accountLinks.passwordLink, on(id)),
};
