import { z } from "zod";
import { endpoint } from "./endpoint.js";

/**
 * Single sign-on with OpenID Connect (docs/integrations.md#openid-connect): how the sign-in page
 * learns which ways in there are, and the two legs of the browser's trip to the provider.
 */

/**
 * Why a sign-in through the provider failed, as the callback tells the sign-in page
 * (`/?sso_error=<reason>`): a code, never free text, so no one can put words on our page.
 */
export const SSO_FAILURES = [
  "state",
  "cancelled",
  "provider",
  "token",
  "email_unverified",
  "no_role",
  "disabled",
  "linked_elsewhere",
  "break_glass",
] as const;
export type SsoFailureCode = (typeof SSO_FAILURES)[number];

const AuthMethods = z.object({
  password: z
    .boolean()
    .describe("false when password sign-in is turned off (only break-glass admins may use it)"),
  sso: z
    .object({
      name: z.string().describe('the provider, as the button says it: "Sign in with <name>"'),
      start: z.string().describe("where the button goes: GET it in the browser"),
    })
    .nullable()
    .describe("null when single sign-on is not configured"),
});

export const oidcAuth = {
  methods: endpoint({
    method: "GET",
    path: "/auth/methods",
    summary: "How people can sign in",
    description:
      "Public: what the sign-in page offers. Whether single sign-on is configured (and its button's name) and whether passwords are allowed.",
    response: AuthMethods,
  }),
  start: endpoint({
    method: "GET",
    path: "/auth/oidc/start",
    summary: "Start signing in at the identity provider",
    description:
      "A browser's navigation: 302 to the provider's authorization endpoint (code flow with PKCE S256, state and nonce), with a short-lived HttpOnly SameSite=Lax cookie binding the sign-in to this browser. 302 to `/?sso_error=provider` when the provider cannot be reached; 404 when single sign-on is not configured.",
  }),
  callback: endpoint({
    method: "GET",
    path: "/auth/oidc/callback",
    summary: "Where the identity provider sends the browser back",
    description:
      "The redirect URI registered at the provider. Exchanges the code, validates the ID token (signature, issuer, audience, expiry, nonce), links or creates the user by verified e-mail, sets their role from their groups and sets the session cookie; 302 to `/`. Any failure is a 302 to `/?sso_error=<reason>` (one of state, cancelled, provider, token, email_unverified, no_role, disabled, linked_elsewhere, break_glass). A state is good once.",
  }),
};

export type AuthMethodsView = z.output<typeof AuthMethods>;
