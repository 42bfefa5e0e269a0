import type { OidcIdentity, OidcLoginState } from "../../auth/oidc.types.js";

/** Single sign-on with OpenID Connect (migrations/0024-oidc.ts). */
export interface OidcTables {
  /** Sign-ins under way, keyed by the SHA-256 of the browser cookie's id; deleted when used. */
  oidc_login_states: OidcLoginState;
  /** Provider accounts (issuer, subject) linked to users; one per user and issuer. */
  oidc_identities: OidcIdentity;
}
