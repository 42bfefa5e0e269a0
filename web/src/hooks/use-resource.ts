import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again, keeping the current data on screen until the new data arrives. */
  reload: () => Promise<void>;
  /** Replaces the data with what a change returned, without a round trip. */
  setData: (update: T | ((current: T | undefined) => T | undefined)) => void;
}

/**
 * Data from the API for a screen: loads when `deps` change (another thing: the screen starts
 * empty), aborts the stale request, and keeps showing the last good data while reloading. A
 * change of `refresh` (a live update's revision of the same thing) reloads without emptying the
 * screen: its forms stay mounted, so what someone is typing there keeps its element and focus.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  refresh?: unknown,
): Resource<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const controller = useRef<AbortController | undefined>(undefined);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async () => {
    controller.current?.abort();
    const mine = new AbortController();
    controller.current = mine;
    setLoading(true);
    try {
      const value = await loadRef.current(mine.signal);
      if (mine.signal.aborted) return;
      setDataState(value);
      setError(undefined);
    } catch (e) {
      if (mine.signal.aborted || (e as Error).name === "AbortError") return;
      setError(e);
    } finally {
      if (!mine.signal.aborted) setLoading(false);
    }
  }, []);

  // The caller's deps (ids, versions, filters) decide when to load again.
  const key = JSON.stringify(deps);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the caller's deps
  useEffect(() => {
    setDataState(undefined);
    void run();
    return () => controller.current?.abort();
  }, [key, run]);

  const refreshed = useRef(refresh);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new `refresh` reloads here
  useEffect(() => {
    if (Object.is(refreshed.current, refresh)) return;
    refreshed.current = refresh;
    void run();
  }, [refresh]);

  const setData = useCallback((update: T | ((current: T | undefined) => T | undefined)) => {
    setDataState((current) =>
      typeof update === "function"
        ? (update as (c: T | undefined) => T | undefined)(current)
        : update,
    );
  }, []);

  return { data, error, loading, reload: run, setData };
}
