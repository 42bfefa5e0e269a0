import { useState } from "react";
import type { SessionInfo } from "../../api/session";
import { setupApi } from "../../api/setup";
import { Loading } from "../../components/loading";
import { ProblemMessage } from "../../components/problem-message";
import { useResource } from "../../hooks/use-resource";
import { useSubmit } from "../../hooks/use-submit";
import { useTitle } from "../../hooks/use-title";
import { Link, navigate } from "../../router";
import { NewPasswordFields, samePasswords } from "./new-password-fields";

interface Props {
  token: string;
  onSignedIn: (session: SessionInfo) => void;
}

/**
 * `/welcome/:token`: an invited person chooses their first password, or someone with a reset
 * link a new one; either way they are then signed in. Shown without a session.
 */
export function WelcomePage({ token, onSignedIn }: Props) {
  const link = useResource((signal) => setupApi.link(token, signal), [token]);
  const invite = link.data?.purpose === "invite";
  useTitle(invite ? "Welcome" : "Choose a new password");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const { submit, busy, error } = useSubmit(async () => {
    samePasswords(password, confirm);
    onSignedIn(await setupApi.redeem(token, password));
    navigate("/", { replace: true });
  });

  if (link.loading && !link.data) return <Loading what="Opening the link" />;

  if (!link.data)
    return (
      <main id="main" className="sign-in">
        <section className="sign-in-form panel">
          <h1>This link cannot be used</h1>
          <ProblemMessage error={link.error} title="Link not valid">
            <p>Links work once and expire. Ask an admin for a new one.</p>
          </ProblemMessage>
          <Link to="/" className="button">
            Go to sign-in
          </Link>
        </section>
      </main>
    );

  return (
    <main id="main" className="sign-in">
      <form className="form sign-in-form panel" onSubmit={submit}>
        <div className="brand">
          <img src="/favicon.svg" alt="" width="32" height="32" />
          <h1>
            {invite ? `Welcome, ${link.data.name}: choose a password` : "Choose a new password"}
          </h1>
        </div>
        <p>
          For <strong>{link.data.email}</strong>, who signs in with this address.
        </p>
        {/* Lets password managers file the new password under the right account. */}
        <input type="hidden" autoComplete="username" value={link.data.email} readOnly />
        <NewPasswordFields
          id="welcome"
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
        />
        <ProblemMessage error={error} title="Password not set" />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Saving…" : "Save the password and sign in"}
        </button>
      </form>
    </main>
  );
}
