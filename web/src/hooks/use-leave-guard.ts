import { useEffect } from "react";

/**
 * While `active`, leaving the screen asks first: closing or reloading the tab (the browser's own
 * question) and following a link of the app (a confirmation; "Cancel" stays). Navigation the
 * screen itself starts (after saving, say) is not asked about.
 */
export function useLeaveGuard(active: boolean, question: string): void {
  useEffect(() => {
    if (!active) return;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    // Capturing, so that it runs before the router's own link handler, which then sees the
    // click prevented and stays.
    const click = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.("a[href]");
      if (!(link instanceof HTMLAnchorElement) || link.target || e.button !== 0) return;
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const to = new URL(link.href, window.location.href);
      const same = to.pathname === window.location.pathname && to.search === window.location.search;
      if (same || window.confirm(question)) return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", click, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", click, true);
    };
  }, [active, question]);
}
