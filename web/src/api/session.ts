import { session } from "../../../src/contract/session";
import { client } from "./client";

export type { SessionView as SessionInfo } from "../../../src/contract/session";

/** Sign-in sessions (`src/contract/session.ts`). */
export const sessionApi = {
  current: () => client.call(session.whoAmI),
  signIn: (email: string, password: string) =>
    client.call(session.signIn, { body: { email, password } }),
  signOut: () => client.call(session.signOut),
};
