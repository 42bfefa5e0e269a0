import { useState } from "react";
import { SSO_FAILURES, type SsoFailureCode } from "../../../src/contract/oidc";
import { authMethodsApi } from "../api/oidc";
import { type SessionInfo, sessionApi } from "../api/session";
import { TextField } from "../components/fields";
import { ProblemMessage } from "../components/problem-message";
import { useResource } from "../hooks/use-resource";
import { useSubmit } from "../hooks/use-submit";
import { useTitle } from "../hooks/use-title";
import { SetupNotice } from "./setup/setup-notice";

interface Props {
  /** The session ended while working (rather than a first visit). */
  expired: boolean;
  onSignedIn: (session: SessionInfo) => void;
}

/** What the sign-in page says when the provider's trip ended without a session. */
const SSO_FAILURE_TEXT: Record<SsoFailureCode, string> = {
  state:
    "That sign-in had expired or was already used. Start again with the single sign-on button.",
  cancelled: "The sign-in was cancelled at the identity provider.",
  provider: "The identity provider could not be reached or refused the sign-in. Try again later.",
  token: "The identity provider's answer failed its checks, so it was refused.",
  email_unverified:
    "The identity provider did not confirm your e-mail address, which Firebreak needs to know you.",
  no_role: "None of your groups at the identity provider gives access to Firebreak.",
  disabled: "Your Firebreak account is disabled. Ask an administrator.",
  linked_elsewhere:
    "Your e-mail address is already linked to another account at the identity provider.",
  break_glass: "This is a break-glass account: sign in with its password.",
};

/** The failure the callback sent back in the address, read once and then taken out of it. */
function ssoFailureFromAddress(): SsoFailureCode | undefined {
  const code = new URLSearchParams(window.location.search).get("sso_error");
  if (code === null) return undefined;
  window.history.replaceState(null, "", window.location.pathname);
  return SSO_FAILURES.find((c) => c === code) ?? "provider";
}

/**
 * Sign in with the identity provider when single sign-on is configured, or with e-mail and
 * password (the server sets an httpOnly session cookie). With passwords turned off the form is
 * behind "Break-glass sign-in", for the admins still allowed to use it.
 */
export function SignIn({ expired, onSignedIn }: Props) {
  useTitle("Sign in");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [ssoFailure] = useState(ssoFailureFromAddress);
  const [breakGlass, setBreakGlass] = useState(false);
  const methods = useResource((signal) => authMethodsApi.get(signal), []);
  const { submit, busy, error } = useSubmit(async () => {
    try {
      onSignedIn(await sessionApi.signIn(email.trim(), password));
    } catch (err) {
      setPassword("");
      throw err;
    }
  });
  const sso = methods.data?.sso ?? null;
  const showForm = methods.data?.password !== false || breakGlass;

  return (
    <main id="main" className="sign-in">
      <form className="form sign-in-form panel" onSubmit={submit}>
        <div className="brand">
          <img src="/favicon.svg" alt="" width="32" height="32" />
          <h1>Sign in to Firebreak</h1>
        </div>
        <SetupNotice />
        {expired && (
          <p className="notice" role="status">
            Your session ended. Sign in again; anything you were typing is kept.
          </p>
        )}
        {ssoFailure && (
          <p className="notice" role="alert">
            Not signed in: {SSO_FAILURE_TEXT[ssoFailure]}
          </p>
        )}
        {sso && (
          // A navigation, not a fetch: the browser goes to the provider and comes back.
          <a className={`button${showForm ? "" : " primary"}`} href={sso.start}>
            Sign in with {sso.name}
          </a>
        )}
        {showForm ? (
          <>
            <TextField
              id="si-email"
              label="E-mail"
              type="email"
              autoComplete="username"
              required
              // The only thing to do on this screen.
              autoFocus={!sso}
              value={email}
              onChange={setEmail}
            />
            <TextField
              id="si-password"
              label="Password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={setPassword}
            />
            <ProblemMessage error={error} title="Not signed in" />
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? "Signing in…" : "Sign in"}
            </button>
          </>
        ) : (
          <button type="button" className="link-button" onClick={() => setBreakGlass(true)}>
            Break-glass sign-in
          </button>
        )}
      </form>
    </main>
  );
}
