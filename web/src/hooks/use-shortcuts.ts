import { useEffect, useRef, useSyncExternalStore } from "react";

/**
 * Keyboard shortcuts: single keys (`n`, `?`, `T` is shift+t) and two-key sequences (`g i`).
 * Screens register theirs while mounted; the help overlay (`?`) lists what is registered now,
 * so it is always true. Keys typed into a field, or with Ctrl/Alt/Cmd held, are never taken.
 */
export interface Shortcut {
  keys: string;
  description: string;
  /** Heading in the help overlay: "Go to", "Incident", ... */
  group: string;
  run: () => void;
  /** Registered but not active (e.g. "advance" on a closed incident). */
  disabled?: boolean;
}

const registered = new Map<symbol, Shortcut[]>();
const listeners = new Set<() => void>();
let version = 0;
let pending: string | undefined;
let pendingTimer: ReturnType<typeof setTimeout> | undefined;

function changed() {
  version++;
  for (const l of listeners) l();
}

/** Newest registrations first, so a screen's `n` wins over a global one. */
export function activeShortcuts(): Shortcut[] {
  return [...registered.values()].reverse().flat();
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
  return false;
}

function onKeyDown(e: KeyboardEvent) {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
  if (document.querySelector("dialog[open]")) return;
  const all = activeShortcuts().filter((s) => !s.disabled);
  const take = (keys: string) => {
    const s = all.find((x) => x.keys === keys);
    if (!s) return false;
    e.preventDefault();
    s.run();
    return true;
  };
  if (pending) {
    const first = pending;
    pending = undefined;
    clearTimeout(pendingTimer);
    if (take(`${first} ${e.key}`)) return;
  }
  if (all.some((s) => s.keys.startsWith(`${e.key} `))) {
    pending = e.key;
    pendingTimer = setTimeout(() => {
      pending = undefined;
    }, 1500);
    e.preventDefault();
    return;
  }
  take(e.key);
}

let installed = 0;

/** Registers shortcuts while the calling component is mounted. */
export function useShortcuts(shortcuts: Shortcut[]): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  const signature = shortcuts.map((s) => `${s.keys}|${s.description}|${s.disabled}`).join(";");

  useEffect(() => {
    if (installed++ === 0) window.addEventListener("keydown", onKeyDown);
    return () => {
      if (--installed === 0) window.removeEventListener("keydown", onKeyDown);
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-register only when what shows in the help changes
  useEffect(() => {
    const id = Symbol("shortcuts");
    registered.set(
      id,
      latest.current.map((s, i) => ({
        ...s,
        run: () => latest.current[i]?.run(),
      })),
    );
    changed();
    return () => {
      registered.delete(id);
      changed();
    };
  }, [signature]);
}

/** The registered shortcuts, re-rendering when they change (for the help overlay). */
export function useRegisteredShortcuts(): Shortcut[] {
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => version,
  );
  return activeShortcuts();
}
