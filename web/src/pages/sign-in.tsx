import { useState } from "react";
import { type SessionInfo, sessionApi } from "../api/session";
import { TextField } from "../components/fields";
import { ProblemMessage } from "../components/problem-message";
import { useSubmit } from "../hooks/use-submit";
import { useTitle } from "../hooks/use-title";
import { SetupNotice } from "./setup/setup-notice";

interface Props {
  /** The session ended while working (rather than a first visit). */
  expired: boolean;
  onSignedIn: (session: SessionInfo) => void;
}

/** Sign in with e-mail and password; the server sets an httpOnly session cookie. */
export function SignIn({ expired, onSignedIn }: Props) {
  useTitle("Sign in");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { submit, busy, error } = useSubmit(async () => {
    try {
      onSignedIn(await sessionApi.signIn(email.trim(), password));
    } catch (err) {
      setPassword("");
      throw err;
    }
  });

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
        <TextField
          id="si-email"
          label="E-mail"
          type="email"
          autoComplete="username"
          required
          // The only thing to do on this screen.
          autoFocus
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
      </form>
    </main>
  );
}
