import { users } from "../../../../src/contract/users";
import { client } from "../../api/client";

export type { UserView as User } from "../../../../src/contract/users";

/** The accounts the team section offers, and linking one to the plan person it becomes. */
export const usersApi = {
  list: (signal?: AbortSignal) => client.call(users.list, {}, { signal }).then((p) => p.items),
  link: (userId: string, personId: string) =>
    client.call(users.update, { params: { id: userId }, body: { person_id: personId } }),
};
