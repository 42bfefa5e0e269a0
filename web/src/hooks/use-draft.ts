import { useCallback, useEffect, useState } from "react";

const PREFIX = "firebreak:draft:";

function read<T>(key: string, initial: T): T {
  try {
    const raw = window.sessionStorage.getItem(PREFIX + key);
    return raw === null ? initial : (JSON.parse(raw) as T);
  } catch {
    return initial;
  }
}

/**
 * State that survives a failed save, a reload and a navigation away and back: what someone typed
 * stays in sessionStorage (this tab only) until `clear()` is called after the server accepted it.
 */
export function useDraft<T>(key: string, initial: T): [T, (value: T) => void, () => void] {
  const [value, setValue] = useState<T>(() => read(key, initial));

  // A different key (another incident) starts from that key's own draft.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new key reloads the draft
  useEffect(() => setValue(read(key, initial)), [key]);

  const update = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.sessionStorage.setItem(PREFIX + key, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the draft still lives in memory for this screen.
      }
    },
    [key],
  );

  const clear = useCallback(() => {
    window.sessionStorage.removeItem(PREFIX + key);
    setValue(initial);
  }, [key, initial]);

  return [value, update, clear];
}
