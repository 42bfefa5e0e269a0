/** The account roles, from most to least powerful (auth/permissions.matrix.ts says what each may do). */
export const ROLES = ["admin", "responder", "observer"] as const;
export type Role = (typeof ROLES)[number];

/** What an API token may carry at most: read, write, or only sending events and alerts. */
export const TOKEN_SCOPES = ["read", "write", "ingest"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/**
 * The token scopes an account of this role may hold: an observer changes nothing, so only reads.
 * (auth/permissions.matrix.ts narrows it further by the token a request came with; the web offers
 * these when someone creates a token.)
 */
export function scopesFor(role: Role): TokenScope[] {
  return role === "observer" ? ["read"] : [...TOKEN_SCOPES];
}
