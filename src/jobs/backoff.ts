/**
 * How long to wait before trying a failed job again: `baseMs · factor^(attempts − 1)`, capped at
 * `maxMs`. Exponential, so that a peer that is down is not hammered, and capped, so that a peer
 * that comes back is tried again soon enough to matter during an incident.
 */
export interface BackoffPolicy {
  baseMs: number;
  /** Default 2. */
  factor?: number;
  maxMs: number;
}

/** 2 s, 4 s, 8 s … up to 5 minutes. */
export const DEFAULT_BACKOFF: Readonly<BackoffPolicy> = Object.freeze({
  baseMs: 2000,
  factor: 2,
  maxMs: 5 * 60_000,
});

/** Delay after the `attempts`-th failed attempt (1 for the first failure). */
export function backoffDelay(attempts: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, attempts - 1);
  const delay = policy.baseMs * (policy.factor ?? 2) ** exponent;
  return Math.min(policy.maxMs, Math.max(0, Math.round(delay)));
}
