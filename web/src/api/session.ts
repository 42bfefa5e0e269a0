import { session } from "../../../src/contract/session";
import { type OwnSettings, users } from "../../../src/contract/users";
import { client } from "./client";

export type { SessionView as SessionInfo } from "../../../src/contract/session";
export type { UserView } from "../../../src/contract/users";

/** Sign-in sessions (`src/contract/session.ts`). */
export const sessionApi = {
  current: () => client.call(session.whoAmI),
  signIn: (email: string, password: string) =>
    client.call(session.signIn, { body: { email, password } }),
  signOut: () => client.call(session.signOut),
  /** The signed-in user's own settings (their display time zone); answers the user. */
  updateOwnSettings: (body: OwnSettings) => client.call(users.updateMe, { body }),
};
