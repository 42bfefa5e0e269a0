import type { IdentityStore } from "./identity.types.js";

/**
 * Sign-in throttling, designed so that guessing is slow and a flood of wrong passwords cannot
 * lock the real user out:
 *
 * - **per client address**: `IP_LIMIT` failures within `IP_WINDOW_MS` (on any accounts) and the
 *   address is refused until the window ends; this stops one machine spraying many accounts.
 * - **per account at an address**: after `ACCOUNT_FREE` failures the pair is refused for a
 *   delay that doubles with each further failure, up to `ACCOUNT_MAX_DELAY_MS`. The account is
 *   never locked for other addresses, so the owner signing in from their own machine is not
 *   affected by someone else's guesses; a success clears the pair.
 *
 * Refused attempts do not count as failures, so waiting out a window always helps. Counters live
 * in the database, shared by every node. Attempts in flight are counted too, so a burst of
 * parallel requests cannot slip past the limit before the first failure is written.
 */
export const IP_LIMIT = 20;
export const IP_WINDOW_MS = 15 * 60_000;
export const ACCOUNT_FREE = 5;
export const ACCOUNT_BASE_DELAY_MS = 30_000;
export const ACCOUNT_MAX_DELAY_MS = 15 * 60_000;
/** Consecutive failures of an account at an address are forgotten after a quiet day. */
const ACCOUNT_WINDOW_MS = 24 * 60 * 60_000;

export interface ThrottleVerdict {
  allowed: boolean;
  /** When refused: seconds until an attempt may be made. */
  retryAfterSeconds?: number;
  /** Which limit refused it. */
  limit?: "address" | "account";
}

const ipKey = (ip: string) => `ip:${ip}`;
const pairKey = (email: string, ip: string) => `account:${email}|ip:${ip}`;

/** The throttle over a store; one per process (it tracks attempts in flight). */
export function signInThrottle(store: IdentityStore) {
  const inFlight = new Map<string, number>();
  const bump = (key: string, by: number) => {
    const n = (inFlight.get(key) ?? 0) + by;
    if (n <= 0) inFlight.delete(key);
    else inFlight.set(key, n);
  };
  const release = (email: string, ip: string) => {
    bump(ipKey(ip), -1);
    bump(pairKey(email, ip), -1);
  };

  return {
    /**
     * Checks whether an attempt may go ahead, and if so reserves a place for it; the caller must
     * then call `failed` or `succeeded` (or `release`) exactly once.
     */
    async begin(email: string, ip: string, now: Date): Promise<ThrottleVerdict> {
      const keys = [ipKey(ip), pairKey(email, ip)];
      const rows = new Map((await store.throttles(keys)).map((r) => [r.key, r]));
      const t = now.getTime();
      let wait = 0;
      let limit: ThrottleVerdict["limit"];
      for (const key of keys) {
        const until = rows.get(key)?.locked_until;
        if (until && Date.parse(until) > t && Date.parse(until) - t > wait) {
          wait = Date.parse(until) - t;
          limit = key.startsWith("ip:") ? "address" : "account";
        }
      }
      const ipRow = rows.get(keys[0] as string);
      const ipCount =
        ipRow && Date.parse(ipRow.window_started_at) > t - IP_WINDOW_MS ? ipRow.failures : 0;
      if (wait === 0 && ipCount + (inFlight.get(keys[0] as string) ?? 0) >= IP_LIMIT) {
        const windowEnd = ipRow ? Date.parse(ipRow.window_started_at) + IP_WINDOW_MS : t;
        // In-flight attempts alone can fill the limit; their verdicts come within a second.
        wait = Math.max(1000, windowEnd - t);
        limit = "address";
      }
      const pair = rows.get(keys[1] as string);
      const pairCount =
        pair && Date.parse(pair.window_started_at) > t - ACCOUNT_WINDOW_MS ? pair.failures : 0;
      // Attempts still being checked may use up the free ones; past those, one guess at a time.
      const parallel = pairCount >= ACCOUNT_FREE ? 1 : ACCOUNT_FREE - pairCount;
      if (wait === 0 && (inFlight.get(keys[1] as string) ?? 0) >= parallel) {
        wait = 1000;
        limit = "account";
      }
      if (wait > 0)
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)), limit };
      for (const key of keys) bump(key, 1);
      return { allowed: true };
    },

    async failed(email: string, ip: string, now: Date): Promise<void> {
      const at = now.toISOString();
      const t = now.getTime();
      try {
        const ipRow = await store.countFailure(
          ipKey(ip),
          at,
          new Date(t - IP_WINDOW_MS).toISOString(),
        );
        if (ipRow.failures >= IP_LIMIT)
          await store.lockThrottle(
            ipKey(ip),
            new Date(Date.parse(ipRow.window_started_at) + IP_WINDOW_MS).toISOString(),
          );
        const pair = await store.countFailure(
          pairKey(email, ip),
          at,
          new Date(t - ACCOUNT_WINDOW_MS).toISOString(),
        );
        if (pair.failures >= ACCOUNT_FREE) {
          const delay = Math.min(
            ACCOUNT_BASE_DELAY_MS * 2 ** (pair.failures - ACCOUNT_FREE),
            ACCOUNT_MAX_DELAY_MS,
          );
          await store.lockThrottle(pairKey(email, ip), new Date(t + delay).toISOString());
        }
      } finally {
        release(email, ip);
      }
    },

    async succeeded(email: string, ip: string): Promise<void> {
      try {
        await store.clearThrottle(pairKey(email, ip));
      } finally {
        release(email, ip);
      }
    },

    /** Gives back a reserved place without a verdict (the attempt was refused for another reason). */
    release,
  };
}

export type SignInThrottle = ReturnType<typeof signInThrottle>;
