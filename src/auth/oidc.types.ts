/**
 * What single sign-on keeps: the sign-ins under way (state, nonce and PKCE verifier, bound to the
 * browser that started them) and which provider account is which user.
 */

/** A sign-in begun at the provider and not yet come back; used at most once. */
export interface OidcLoginState {
  /** SHA-256 of the random id in the browser's HttpOnly cookie: the browser binding. */
  id_hash: string;
  /** The `state` sent to the provider, which must come back unchanged. */
  state: string;
  /** The `nonce` the ID token must carry. */
  nonce: string;
  /** The PKCE verifier; the provider only saw its S256 challenge. */
  code_verifier: string;
  created_at: string;
  expires_at: string;
}

/** A provider account (issuer and subject: stable, unlike an e-mail address) linked to a user. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: string;
  last_sign_in_at: string;
}

export interface OidcStore {
  saveLoginState(state: OidcLoginState): Promise<void>;
  /**
   * Takes the sign-in stored under this hash away and answers it, or undefined when there is none
   * (never begun, expired and tidied, or already taken: exactly one caller ever gets it). Expired
   * states are tidied up on the way.
   */
  takeLoginState(idHash: string, now: string): Promise<OidcLoginState | undefined>;
  findIdentity(issuer: string, subject: string): Promise<OidcIdentity | undefined>;
  /** The user's link at this issuer, if any. */
  identityOfUser(issuer: string, userId: string): Promise<OidcIdentity | undefined>;
  /** Throws `conflict` when the provider account or the user is linked already. */
  linkIdentity(identity: OidcIdentity): Promise<void>;
  touchIdentity(issuer: string, subject: string, at: string): Promise<void>;
}
