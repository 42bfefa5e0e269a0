import { Suspense, useEffect, useRef } from "react";
import { Account } from "./components/account";
import { Layout } from "./components/layout";
import { Loading } from "./components/loading";
import { DisplayZoneProvider } from "./display-zone";
import { NotFound } from "./pages/not-found";
import { PlanProvider } from "./plan-context";
import { matchPath, useLocation } from "./router";
import { ROUTES } from "./routes";
import { SessionGate } from "./session-context";

function Screen({ path }: { path: string }) {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    // Most screens are loaded on first use (routes.tsx): "Loading" until their script is here.
    if (params) return <Suspense fallback={<Loading />}>{route.render(params)}</Suspense>;
  }
  return <NotFound path={path} />;
}

/** The application: sign-in, the plan for every screen, the frame, the screen for the address. */
export function App() {
  const { path, hash } = useLocation();
  const first = useRef(true);

  // After navigating (not on first load), start keyboard and screen reader users at the new
  // screen's heading, as a full page load would — unless the address points inside the page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (hash) return;
    window.scrollTo(0, 0);
    const t = setTimeout(() => {
      const h1 = document.querySelector<HTMLElement>("main h1");
      (h1 ?? document.getElementById("main"))?.focus({ preventScroll: true });
    }, 0);
    return () => clearTimeout(t);
  }, [path, hash]);

  return (
    <SessionGate>
      <PlanProvider>
        <DisplayZoneProvider>
          <Layout account={<Account />}>
            <Screen path={path} />
          </Layout>
        </DisplayZoneProvider>
      </PlanProvider>
    </SessionGate>
  );
}
