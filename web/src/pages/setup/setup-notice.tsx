import { setupApi } from "../../api/setup";
import { useResource } from "../../hooks/use-resource";
import { Link } from "../../router";

/**
 * On the sign-in page while nobody can sign in yet: no "wrong password" dead end, but the way to
 * the setup page.
 */
export function SetupNotice() {
  const needed = useResource((signal) => setupApi.needed(signal), []);
  if (needed.data !== true) return null;
  return (
    <p className="notice" role="status">
      Firebreak has no users yet: <Link to="/setup">set it up</Link> with the setup code the server
      printed.
    </p>
  );
}
