import { useEffect } from "react";

/**
 * Calls `reload` every `ms` while the tab is visible (a hidden tab does not poll; it catches up
 * when it is shown again).
 */
export function usePolling(reload: () => unknown, ms: number): void {
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === "visible") reload();
    };
    const timer = setInterval(tick, ms);
    document.addEventListener("visibilitychange", tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [reload, ms]);
}
