import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { ApiError, onUnauthenticated, setCsrfToken } from "./api/client";
import { type SessionInfo, sessionApi, type UserView } from "./api/session";
import { Loading } from "./components/loading";
import { ProblemMessage } from "./components/problem-message";
import { publicScreen } from "./pages/setup/public-screens";
import { SignIn } from "./pages/sign-in";
import { useLocation } from "./router";

export type SessionState =
  | { status: "loading" }
  | { status: "signed-in"; session: SessionInfo }
  | { status: "signed-out"; expired: boolean }
  /** The server has no sign-in (an older server): everything works without it. */
  | { status: "open" }
  | { status: "error"; error: unknown };

interface SessionContextValue {
  session: SessionInfo | undefined;
  /** Observers read; only admins and responders change incidents. */
  canWrite: boolean;
  signOut: () => Promise<void>;
  /** After the user changed their own account (`/account`): the session shows the new one. */
  replaceUser: (user: UserView) => void;
}

const SessionContext = createContext<SessionContextValue>({
  session: undefined,
  canWrite: true,
  signOut: async () => {},
  replaceUser: () => {},
});

export const useSession = () => useContext(SessionContext);

/**
 * Who is signed in. Until someone is, the sign-in screen stands in for the app (at the same
 * address, so signing in lands where the link pointed). A session that ends mid-work brings the
 * sign-in screen back; drafts stay in the tab's storage and reappear after signing in again.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const { path } = useLocation();

  const accept = useCallback((session: SessionInfo) => {
    setCsrfToken(session.csrf_token);
    setState({ status: "signed-in", session });
  }, []);

  const load = useCallback(async () => {
    try {
      accept(await sessionApi.current());
    } catch (e) {
      if (e instanceof ApiError && e.status === 401)
        setState({ status: "signed-out", expired: false });
      else if (e instanceof ApiError && e.status === 404) setState({ status: "open" });
      else setState({ status: "error", error: e });
    }
  }, [accept]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(
    () =>
      onUnauthenticated(() =>
        setState((s) => (s.status === "signed-in" ? { status: "signed-out", expired: true } : s)),
      ),
    [],
  );

  const signOut = useCallback(async () => {
    try {
      await sessionApi.signOut();
    } finally {
      setCsrfToken(undefined);
      setState({ status: "signed-out", expired: false });
    }
  }, []);

  const replaceUser = useCallback((user: UserView) => {
    setState((s) => (s.status === "signed-in" ? { ...s, session: { ...s.session, user } } : s));
  }, []);

  // First start and account links work without a session (and replace any on success).
  const open = publicScreen(path, accept);
  if (open) return open;

  switch (state.status) {
    case "loading":
      return <Loading what="Starting Firebreak" />;
    case "error":
      return (
        <main id="main" className="standalone">
          <ProblemMessage error={state.error} title="Firebreak is not answering">
            <button type="button" className="button" onClick={() => void load()}>
              Try again
            </button>
          </ProblemMessage>
        </main>
      );
    case "signed-out":
      return <SignIn expired={state.expired} onSignedIn={accept} />;
    default: {
      const session = state.status === "signed-in" ? state.session : undefined;
      const value = {
        session,
        canWrite: session ? session.role !== "observer" : true,
        signOut,
        replaceUser,
      };
      return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
    }
  }
}
