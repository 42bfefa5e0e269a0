import { useEffect } from "react";

/** The browser tab's title for a screen: "INC-2026-0001 Files encrypted · Firebreak". */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Firebreak` : "Firebreak";
  }, [title]);
}
