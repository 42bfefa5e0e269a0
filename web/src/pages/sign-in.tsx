import { type FormEvent, useState } from "react";
import { type SessionInfo, sessionApi } from "../api/session";
import { ProblemMessage } from "../components/problem-message";
import { useTitle } from "../hooks/use-title";

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
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await sessionApi.signIn(email.trim(), password));
    } catch (err) {
      setError(err);
      setPassword("");
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <form className="form sign-in-form panel" onSubmit={submit}>
        <div className="brand">
          <img src="/favicon.svg" alt="" width="32" height="32" />
          <h1>Sign in to Firebreak</h1>
        </div>
        {expired && (
          <p className="notice" role="status">
            Your session ended. Sign in again; anything you were typing is kept.
          </p>
        )}
        <div className="field">
          <label htmlFor="si-email">E-mail</label>
          <input
            id="si-email"
            type="email"
            autoComplete="username"
            required
            // biome-ignore lint/a11y/noAutofocus: the only thing to do on this screen
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="si-password">Password</label>
          <input
            id="si-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <ProblemMessage error={error} title="Not signed in" />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
