/**
 * The exit-code contract (DESIGN.md section 5): 0 success, 1 a check or operation failed,
 * 2 bad usage or bad input.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
