import { Link } from "../../router";
import { useOnboarding } from "./use-onboarding";

/** The dashboard's reminder of the checklist, for admins, while it is neither done nor dismissed. */
export function GetStartedCard() {
  const { data, offered } = useOnboarding();
  if (!offered || !data) return null;
  const next = data.steps.find((s) => !s.done && !s.optional);
  return (
    <section className="get-started-card" aria-labelledby="get-started-title">
      <h2 id="get-started-title">
        <Link to="/get-started">
          Get started: {data.done} of {data.steps.length} done
        </Link>
      </h2>
      <progress value={data.done} max={data.steps.length} aria-label="Checklist progress" />
      {next && (
        <span className="muted">
          Next: <Link to={next.href}>{next.title}</Link>
        </span>
      )}
    </section>
  );
}

/** The navigation's entry to the checklist: none once it is dismissed or complete. */
export function GetStartedNavItem({ current }: { current: boolean }) {
  const { offered } = useOnboarding();
  if (!offered) return null;
  return (
    <li>
      <Link to="/get-started" aria-current={current ? "page" : undefined}>
        Get started
      </Link>
    </li>
  );
}

/**
 * The account menu's way back to the checklist once the navigation no longer offers it
 * (dismissed or complete; admins). While it is offered the navigation has it, and the top bar
 * has no room to spare at phone width.
 */
export function GetStartedAccountLink() {
  const { admin, data, offered } = useOnboarding();
  if (!admin || !data || offered) return null;
  return (
    <Link to="/get-started" className="small">
      Get started
    </Link>
  );
}
