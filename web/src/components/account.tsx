import { GetStartedAccountLink } from "../pages/get-started/get-started-card";
import { Link } from "../router";
import { useSession } from "../session-context";

/** Who is signed in, and signing out. Nothing when the server has no sign-in. */
export function Account() {
  const { session, signOut } = useSession();
  if (!session) return null;
  const name = session.user?.name ?? "Local operator";
  return (
    <div className="account">
      {session.user ? (
        <Link to="/account" className="account-name" title={`${session.user.email}: your account`}>
          {name} <span className="muted">({session.role})</span>
        </Link>
      ) : (
        <span className="account-name">
          {name} <span className="muted">({session.role})</span>
        </span>
      )}
      {session.user && (
        <Link to="/account/tokens" className="button small account-tokens">
          API tokens
        </Link>
      )}
      <GetStartedAccountLink />
      {session.via === "session" && (
        <button type="button" className="button small" onClick={() => void signOut()}>
          Sign out
        </button>
      )}
    </div>
  );
}
