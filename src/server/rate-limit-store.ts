/**
 * Counters behind the ingestion rate limit: how many requests a key has made in the current
 * window. Windows are fixed and aligned to the clock's minutes (12:00:00–12:00:59.999, …), so
 * every node of a cluster agrees on which window a request falls in without talking to the
 * others, and a counter is one row per key and minute (docs/operations.md, "Rate limits").
 */

/** The limit is "requests a minute": one window is one minute. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/** One request counted: the key's count in this window so far (this request included). */
export interface WindowCount {
  count: number;
  /** Milliseconds until this window ends and the count starts again from zero. */
  resetInMs: number;
}

export interface RateLimitStore {
  /** Counts one request against `key` in the current window. */
  hit(key: string): Promise<WindowCount>;
}

/**
 * The counters of one process, for SQLite (one process owns the database). A new minute
 * replaces the whole map: every key's window ended at the same moment, so nothing is kept
 * past its window.
 */
export function memoryRateLimitStore(now: () => number): RateLimitStore {
  let minute = Number.NaN;
  let counts = new Map<string, number>();
  return {
    async hit(key) {
      const at = now();
      const current = Math.floor(at / RATE_LIMIT_WINDOW_MS);
      if (current !== minute) {
        minute = current;
        counts = new Map();
      }
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return { count, resetInMs: (current + 1) * RATE_LIMIT_WINDOW_MS - at };
    },
  };
}

/**
 * Keys this node has seen over their limit, each until its window ends: further requests with
 * the same credential are refused from here, with no database round trip and before the body
 * is read. Entries are added only after the store said the key is over, never on a guess.
 */
export class OverLimitKeys {
  readonly #until = new Map<string, number>();
  #sweepAt = 0;

  constructor(private readonly now: () => number) {}

  /** Milliseconds left in the refusal of `key`; 0 or less when it may be counted again. */
  msLeft(key: string): number {
    const until = this.#until.get(key);
    return until === undefined ? 0 : until - this.now();
  }

  add(key: string, resetInMs: number): void {
    const at = this.now();
    // Ended refusals go once a window, so a flood of distinct keys cannot grow the map forever.
    if (at >= this.#sweepAt) {
      for (const [k, until] of this.#until) if (until <= at) this.#until.delete(k);
      this.#sweepAt = at + RATE_LIMIT_WINDOW_MS;
    }
    this.#until.set(key, at + resetInMs);
  }
}
