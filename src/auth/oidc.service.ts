import * as oidc from "openid-client";
import { audit } from "../audit/audit.service.js";
import { systemActor } from "../domain/actor.js";
import type { AuthDeps } from "./auth.deps.js";
import { parseEgressAllow, type Resolver } from "./egress.js";
import type { User } from "./identity.types.js";
import type { OidcStore } from "./oidc.types.js";
import { egressFetch } from "./oidc-fetch.js";
import { type RoleMapping, roleFromClaims } from "./oidc-policy.js";
import { newSecret, safeEqual, sha256 } from "./secrets.js";
import { type SignedIn, type SignInInput, startSession } from "./session.service.js";
import { createUser } from "./user.service.js";

/** Everything single sign-on needs, taken from the configuration by the server. */
export interface OidcSettings extends RoleMapping {
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE alone). */
  clientSecret?: string;
  /** `<public URL>/api/v1/auth/oidc/callback`, registered at the provider. */
  redirectUri: string;
  scopes: string;
  /** Addresses that sign in only with a password, never through the provider. */
  breakGlassEmails: readonly string[];
  /** FIREBREAK_EGRESS_ALLOW; the issuer's own host is added (its admin named it). */
  egressAllow: readonly string[];
}

export interface OidcDeps extends AuthDeps {
  oidc: OidcStore;
}

/** How long someone has at the provider's login page before the sign-in must start again. */
export const LOGIN_STATE_LIFETIME_MS = 10 * 60_000;
/** The provider's metadata is fetched again after this long (key sets refresh on their own). */
const DISCOVERY_TTL_MS = 60 * 60_000;

/** Why a sign-in through the provider did not happen; the sign-in page explains each. */
export type SsoFailureReason =
  | "state"
  | "cancelled"
  | "provider"
  | "token"
  | "email_unverified"
  | "no_role"
  | "disabled"
  | "linked_elsewhere"
  | "break_glass";

export class SsoFailure extends Error {
  constructor(
    readonly reason: SsoFailureReason,
    message: string,
  ) {
    super(message);
    this.name = "SsoFailure";
  }
}

/** The provider's side: its metadata fetched once (egress-checked) and kept for an hour. */
export interface OidcClient {
  readonly settings: OidcSettings;
  configuration(): Promise<oidc.Configuration>;
}

export function oidcClient(settings: OidcSettings, resolve?: Resolver): OidcClient {
  const issuer = new URL(settings.issuer);
  const allow = parseEgressAllow([...settings.egressAllow, issuer.hostname]);
  const customFetch = egressFetch(allow, resolve);
  let cached: { at: number; config: Promise<oidc.Configuration> } | undefined;
  return {
    settings,
    configuration() {
      const now = Date.now();
      if (!cached || now - cached.at > DISCOVERY_TTL_MS) {
        const config = oidc.discovery(
          issuer,
          settings.clientId,
          undefined,
          settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None(),
          {
            [oidc.customFetch]: customFetch,
            // Plain http only reaches this far for a loopback issuer (config.ts refuses others).
            execute: issuer.protocol === "http:" ? [oidc.allowInsecureRequests] : [],
          },
        );
        const entry = { at: now, config };
        cached = entry;
        // A failed discovery is not kept: the next sign-in asks the provider again.
        config.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.config;
    },
  };
}

/** Where to send the browser, and the id its cookie must carry back. */
export interface BegunSignIn {
  url: string;
  browserId: string;
  maxAgeSeconds: number;
}

/**
 * Starts a sign-in at the provider: fresh state, nonce and PKCE verifier (S256), kept on the
 * server under the SHA-256 of a random id that only this browser's cookie holds.
 */
export async function beginSignIn(deps: OidcDeps, client: OidcClient): Promise<BegunSignIn> {
  let config: oidc.Configuration;
  try {
    config = await client.configuration();
  } catch (e) {
    throw new SsoFailure("provider", `discovery failed: ${(e as Error).message}`);
  }
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const browserId = newSecret("");
  const now = deps.clock.now();
  await deps.oidc.saveLoginState({
    id_hash: sha256(browserId),
    state,
    nonce,
    code_verifier: verifier,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + LOGIN_STATE_LIFETIME_MS).toISOString(),
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: client.settings.redirectUri,
    scope: client.settings.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url: url.href, browserId, maxAgeSeconds: LOGIN_STATE_LIFETIME_MS / 1000 };
}

export interface CallbackInput extends Pick<SignInInput, "ip" | "user_agent"> {
  /** The id from the browser's cookie, if it sent one. */
  browserId: string | undefined;
  /** The callback's query string, as the provider sent it (`?code=…&state=…`). */
  search: string;
}

/** The ID token's checks openid-client runs (issuer, audience, expiry, nonce, signature). */
const TOKEN_CHECK_CODES = new Set([
  "OAUTH_JWT_CLAIM_COMPARISON_FAILED",
  "OAUTH_JWT_TIMESTAMP_CHECK_FAILED",
  "OAUTH_KEY_SELECTION_FAILED",
  "OAUTH_INVALID_RESPONSE",
  "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
]);

/**
 * Finishes a sign-in when the provider sends the browser back: the browser's sign-in is taken
 * (once: a replayed state finds nothing), the state compared, the code exchanged with the PKCE
 * verifier, and the ID token validated by openid-client (signature, issuer, audience, expiry,
 * nonce). Then the user: the one linked to this provider account, else the one with the same
 * verified e-mail address (linked now), else a new one. Their role follows their groups at
 * every sign-in. Every refusal is audited and thrown as `SsoFailure`.
 */
export async function finishSignIn(
  deps: OidcDeps,
  client: OidcClient,
  input: CallbackInput,
): Promise<SignedIn> {
  try {
    return await signInFromProvider(deps, client, input);
  } catch (e) {
    const failure = e instanceof SsoFailure ? e : new SsoFailure("provider", (e as Error).message);
    await audit(deps, {
      action: "sign_in.failed",
      outcome: "failure",
      target: "oidc",
      ip: input.ip,
      details: { method: "oidc", reason: failure.reason, message: failure.message },
    });
    throw failure;
  }
}

async function signInFromProvider(
  deps: OidcDeps,
  client: OidcClient,
  input: CallbackInput,
): Promise<SignedIn> {
  const { settings } = client;
  const now = deps.clock.now().toISOString();
  const pending = input.browserId
    ? await deps.oidc.takeLoginState(sha256(input.browserId), now)
    : undefined;
  const params = new URLSearchParams(input.search);
  if (!pending || !safeEqual(params.get("state") ?? "", pending.state))
    throw new SsoFailure("state", "no sign-in under way for this browser and state");
  const error = params.get("error");
  if (error)
    throw new SsoFailure(
      error === "access_denied" ? "cancelled" : "provider",
      `the provider answered ${error}`,
    );
  const config = await client.configuration();
  const current = new URL(settings.redirectUri);
  current.search = params.toString();
  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new SsoFailure("token", "the provider sent no ID token");
    // Many providers put e-mail and groups in the userinfo answer only; the ID token's own
    // claims win, and openid-client checks that userinfo speaks of the same subject.
    const info = config.serverMetadata().userinfo_endpoint
      ? await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)
      : {};
    claims = { ...info, ...idToken };
  } catch (e) {
    if (e instanceof SsoFailure) throw e;
    const code = (e as { code?: string }).code ?? "";
    throw new SsoFailure(TOKEN_CHECK_CODES.has(code) ? "token" : "provider", (e as Error).message);
  }
  const user = await userFor(deps, client, config.serverMetadata().issuer, claims);
  return startSession(deps, user, input);
}

/** The address of the claims when the provider vouches for it, lower-cased. */
function verifiedEmail(claims: Record<string, unknown>): string | undefined {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  // Entra ID sends no email_verified; its optional claim xms_edov says the domain is verified.
  const verified = claims.email_verified === true || claims.xms_edov === true;
  return email && verified ? email : undefined;
}

async function userFor(
  deps: OidcDeps,
  client: OidcClient,
  issuer: string,
  claims: Record<string, unknown>,
): Promise<User> {
  const { settings } = client;
  const subject = String(claims.sub);
  const at = deps.clock.now().toISOString();
  const role = roleFromClaims(claims, settings);
  const linked = await deps.oidc.findIdentity(issuer, subject);
  let user = linked ? await deps.identity.getUser(linked.user_id) : undefined;
  if (!user) {
    const email = verifiedEmail(claims);
    if (!email)
      throw new SsoFailure("email_unverified", "the provider vouched for no e-mail address");
    if (settings.breakGlassEmails.includes(email))
      throw new SsoFailure("break_glass", `${email} is a break-glass account`);
    const found = (await deps.identity.findByEmail(email))?.user;
    if (found && (await deps.oidc.identityOfUser(issuer, found.id)))
      throw new SsoFailure("linked_elsewhere", `${email} is linked to another provider account`);
    if (found && (role || settings.groups.length === 0)) user = found;
    else if (!found && role)
      user = await createUser(
        deps,
        { email, name: displayName(claims, email), role },
        systemActor("oidc"),
      );
    else throw new SsoFailure("no_role", `${email}: no group maps to a role`);
    await deps.oidc.linkIdentity({
      issuer,
      subject,
      user_id: user.id,
      created_at: at,
      last_sign_in_at: at,
    });
    await audit(deps, {
      actor: systemActor("oidc"),
      action: "user.oidc_linked",
      target: user.id,
      details: { email, issuer, subject },
    });
  } else await deps.oidc.touchIdentity(issuer, subject, at);
  if (settings.breakGlassEmails.includes(user.email))
    throw new SsoFailure("break_glass", `${user.email} is a break-glass account`);
  if (user.disabled) throw new SsoFailure("disabled", `${user.email} is disabled`);
  // Without a group mapping the provider only says who someone is: their role is Firebreak's.
  if (settings.groups.length === 0) return user;
  if (!role) throw new SsoFailure("no_role", `${user.email}: no group maps to a role`);
  if (role !== user.role) {
    await deps.identity.updateUser(user.id, { role, updated_at: at });
    await audit(deps, {
      actor: systemActor("oidc"),
      action: "user.updated",
      target: user.id,
      details: { email: user.email, role, from: user.role, via: "oidc groups" },
    });
    user = { ...user, role, updated_at: at };
  }
  return user;
}

function displayName(claims: Record<string, unknown>, email: string): string {
  const name = typeof claims.name === "string" ? claims.name.trim() : "";
  return name || email;
}
