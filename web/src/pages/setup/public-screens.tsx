import type { ReactNode } from "react";
import type { SessionInfo } from "../../api/session";
import { matchPath } from "../../router";
import { WelcomePage } from "../welcome/welcome-page";
import { SetupPage } from "./setup-page";

/**
 * The screens that need no session (first start, invitation and reset links): shown at their
 * address whoever is signed in, in place of the sign-in page and the app's frame.
 */
export function publicScreen(
  path: string,
  onSignedIn: (session: SessionInfo) => void,
): ReactNode | undefined {
  if (matchPath("/setup", path)) return <SetupPage onSignedIn={onSignedIn} />;
  const welcome = matchPath("/welcome/:token", path);
  if (welcome?.token) return <WelcomePage token={welcome.token} onSignedIn={onSignedIn} />;
  return undefined;
}
