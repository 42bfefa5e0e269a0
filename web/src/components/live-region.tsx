import { useSyncExternalStore } from "react";

/**
 * One polite live region for the whole app: screen readers hear live updates ("Priya checked off
 * Isolate hosts") and results of actions without losing their place.
 */
let message = "";
let counter = 0;
const listeners = new Set<() => void>();

export function announce(text: string): void {
  // A repeated message must still be read: alternate a zero-width suffix so the text changes.
  counter++;
  message = counter % 2 ? text : `${text}\u200b`;
  for (const l of listeners) l();
}

export function LiveRegion() {
  const text = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => message,
  );
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}
