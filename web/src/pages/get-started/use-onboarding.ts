import { useEffect, useSyncExternalStore } from "react";
import { type Onboarding, onboardingApi } from "../../api/onboarding";
import { useSession } from "../../session-context";

/**
 * The first-run checklist, shared by the navigation, the account menu, the dashboard card and
 * the page: one request however many of them show, and a dismissal on the page hides the
 * navigation entry at once. Only admins do the steps, so only they ask (others get undefined).
 */

let state: { data?: Onboarding; error?: unknown } = {};
let loading: Promise<void> | undefined;
const listeners = new Set<() => void>();

function publish(next: typeof state) {
  state = next;
  for (const l of listeners) l();
}

function load(): Promise<void> {
  loading ??= onboardingApi
    .get()
    .then((data) => publish({ data }))
    .catch((error: unknown) => publish({ ...state, error }))
    .finally(() => {
      loading = undefined;
    });
  return loading;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useOnboarding() {
  const { session } = useSession();
  // The local operator (no sign-in) may do everything an admin may.
  const admin = !session || session.role === "admin";
  const current = useSyncExternalStore(subscribe, () => state);
  // Every screen that shows it asks again, so steps done elsewhere are ticked on arrival.
  useEffect(() => {
    if (admin) void load();
  }, [admin]);
  return {
    admin,
    data: admin ? current.data : undefined,
    error: admin ? current.error : undefined,
    /** True while the checklist should be offered: not dismissed and not complete. */
    offered: admin && !!current.data && !current.data.dismissed_at && !current.data.complete,
    reload: load,
    dismiss: async () => publish({ data: await onboardingApi.dismiss() }),
    resume: async () => publish({ data: await onboardingApi.resume() }),
  };
}
