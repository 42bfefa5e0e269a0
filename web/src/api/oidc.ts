import { oidcAuth } from "../../../src/contract/oidc";
import { client } from "./client";

export type { AuthMethodsView } from "../../../src/contract/oidc";

/** How people can sign in: single sign-on and whether passwords are allowed (public). */
export const authMethodsApi = {
  get: (signal?: AbortSignal) => client.call(oidcAuth.methods, {}, { signal }),
};
