import { accountLinks } from "../../../src/contract/account-links";
import { type SetupInput, setup } from "../../../src/contract/setup";
import { client } from "./client";

export type { SetupInput };

/** First start and one-time account links: the public calls, made before anyone is signed in. */
export const setupApi = {
  /** Whether Firebreak still needs its first admin. */
  needed: (signal?: AbortSignal) => client.call(setup.status, {}, { signal }).then((s) => s.needed),
  /** Creates the first admin with the setup code; answers the new session. */
  complete: (input: SetupInput) => client.call(setup.complete, { body: input }),
  /** What an invitation or reset link is for, and whose it is. */
  link: (token: string, signal?: AbortSignal) =>
    client.call(accountLinks.get, { params: { token } }, { signal }),
  /** Sets the password with the link; answers the new session. */
  redeem: (token: string, password: string) =>
    client.call(accountLinks.redeem, { params: { token }, body: { password } }),
};
