import { useState } from "react";
import type { SessionInfo } from "../../api/session";
import { setupApi } from "../../api/setup";
import { TextField } from "../../components/fields";
import { Loading } from "../../components/loading";
import { ProblemMessage } from "../../components/problem-message";
import { useResource } from "../../hooks/use-resource";
import { useSubmit } from "../../hooks/use-submit";
import { useTitle } from "../../hooks/use-title";
import { Link, navigate } from "../../router";
import { NewPasswordFields, samePasswords } from "../welcome/new-password-fields";

interface Props {
  onSignedIn: (session: SessionInfo) => void;
}

/**
 * `/setup`: the first admin, with the one-time code the server printed at start. Shown without a
 * session; once someone exists it says so and points to sign-in.
 */
export function SetupPage({ onSignedIn }: Props) {
  useTitle("Set up Firebreak");
  const needed = useResource((signal) => setupApi.needed(signal), []);
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const { submit, busy, error } = useSubmit(async () => {
    samePasswords(password, confirm);
    const session = await setupApi.complete({
      code: code.trim(),
      name: name.trim(),
      email: email.trim(),
      password,
    });
    onSignedIn(session);
    navigate("/get-started", { replace: true });
  });

  if (needed.loading && needed.data === undefined) return <Loading what="Checking setup" />;

  return (
    <main id="main" className="sign-in">
      {needed.data === false ? (
        <section className="sign-in-form panel">
          <h1>Firebreak is set up</h1>
          <p>An admin exists already. Sign in, or ask an admin for an invitation.</p>
          <Link to="/" className="button primary">
            Sign in
          </Link>
        </section>
      ) : (
        <form className="form sign-in-form panel" onSubmit={submit}>
          <div className="brand">
            <img src="/favicon.svg" alt="" width="32" height="32" />
            <h1>Set up Firebreak</h1>
          </div>
          <p>
            Create the first admin. The server printed a setup code when it started; run{" "}
            <code>firebreak setup-code</code> on the server to see it again.
          </p>
          <ProblemMessage error={needed.error} title="Could not ask the server" />
          <TextField
            id="setup-code"
            label="Setup code"
            hint="Like ABCD-EFGH-JKMN-PQRS; case and dashes do not matter."
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            required
            autoFocus
            value={code}
            onChange={setCode}
          />
          <TextField
            id="setup-name"
            label="Your name"
            autoComplete="name"
            required
            value={name}
            onChange={setName}
          />
          <TextField
            id="setup-email"
            label="E-mail"
            hint="You sign in with it."
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={setEmail}
          />
          <NewPasswordFields
            id="setup"
            password={password}
            confirm={confirm}
            onPassword={setPassword}
            onConfirm={setConfirm}
          />
          <ProblemMessage error={error} title="Not set up" />
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? "Creating the admin…" : "Create the admin and sign in"}
          </button>
        </form>
      )}
    </main>
  );
}
