import { useShortcuts } from "../hooks/use-shortcuts";
import { ADMIN_SECTIONS, type Section } from "../nav";
import { Link, navigate } from "../router";
import { useSession } from "../session-context";

/**
 * The navigation's "Administration" group (users, integrations) and its "go to" keys, for admins
 * only; a server without sign-in is the local operator's, who is an admin.
 */
export function AdminNavGroup({ current }: { current: Section | undefined }) {
  const { session } = useSession();
  const admin = !session || session.role === "admin";
  useShortcuts(
    admin
      ? ADMIN_SECTIONS.map((s) => ({
          keys: `g ${s.key}`,
          group: "Go to",
          description: s.label,
          run: () => navigate(s.path),
        }))
      : [],
  );
  if (!admin) return null;
  return (
    <li className="nav-group">
      <span id="nav-admin" className="nav-group-title">
        Administration
      </span>
      <ul aria-labelledby="nav-admin">
        {ADMIN_SECTIONS.map((s) => (
          <li key={s.path}>
            <Link to={s.path} aria-current={current === s ? "page" : undefined}>
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </li>
  );
}

/**
 * API tokens in the navigation, at phone width only: the account bar, which offers it on wider
 * screens, has no room for it there.
 */
export function TokensNavItem({ current }: { current: boolean }) {
  const { session } = useSession();
  if (!session?.user) return null;
  return (
    <li className="nav-phone-only">
      <Link to="/account/tokens" aria-current={current ? "page" : undefined}>
        API tokens
      </Link>
    </li>
  );
}
