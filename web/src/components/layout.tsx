import { type ReactNode, useEffect, useState } from "react";
import { useShortcuts } from "../hooks/use-shortcuts";
import { useTheme } from "../hooks/use-theme";
import { SECTIONS, sectionOf } from "../nav";
import { GetStartedNavItem } from "../pages/get-started/get-started-card";
import { Link, navigate, useLocation } from "../router";
import { LiveRegion } from "./live-region";
import { AdminNavGroup, TokensNavItem } from "./nav-extras";
import { SearchBox } from "./search-box";
import { ShortcutHelp } from "./shortcut-help";

/** The frame of every screen: skip link, navigation, theme and help, the main region. */
export function Layout({ children, account }: { children: ReactNode; account?: ReactNode }) {
  const { path } = useLocation();
  const { dark, toggle } = useTheme();
  const [menuOpen, setMenuOpen] = useState(false);
  const current = sectionOf(path);

  // A new screen closes the phone-width menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation
  useEffect(() => setMenuOpen(false), [path]);

  useShortcuts([
    ...SECTIONS.map((s) => ({
      keys: `g ${s.key}`,
      group: "Go to",
      description: s.label,
      run: () => navigate(s.path),
    })),
    {
      keys: "n",
      group: "General",
      description: "Declare an incident",
      run: () => navigate("/incidents/new"),
    },
    { keys: "T", group: "General", description: "Switch light / dark theme", run: toggle },
  ]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Firebreak dashboard">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          <span>Firebreak</span>
        </Link>
        <button
          type="button"
          className="button menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
        <div className="top-actions">
          <SearchBox />
          {account}
          <button
            type="button"
            className="icon-button"
            onClick={toggle}
            aria-label={dark ? "Switch to light theme" : "Switch to dark theme"}
            title="Switch theme (Shift+T)"
          >
            {dark ? "☀" : "☾"}
          </button>
          <ShortcutHelp />
        </div>
      </header>
      <nav id="main-nav" className={menuOpen ? "sidebar open" : "sidebar"} aria-label="Main">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.path}>
              <Link to={s.path} aria-current={current === s ? "page" : undefined}>
                {s.label}
              </Link>
            </li>
          ))}
          <GetStartedNavItem current={path === "/get-started"} />
          <TokensNavItem current={path === "/account/tokens"} />
          <AdminNavGroup current={current} />
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <LiveRegion />
    </div>
  );
}
