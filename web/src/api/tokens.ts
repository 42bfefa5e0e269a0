import { type NewTokenInput, tokens } from "../../../src/contract/tokens";
import { client } from "./client";

export type { NewTokenInput, TokenView } from "../../../src/contract/tokens";

/** The signed-in user's own API tokens (`src/contract/tokens.ts`). */
export const tokensApi = {
  /** The caller's tokens, revoked ones included. */
  mine: (signal?: AbortSignal) =>
    client.call(tokens.list, {}, { signal }).then((page) => page.items),
  /** A new token: its secret is in this answer only. */
  create: (input: NewTokenInput) => client.call(tokens.create, { body: input }),
  revoke: (id: string) => client.call(tokens.revoke, { params: { id } }),
};
