/**
 * What a one-time account link is for: an invitation (a new user chooses a first password) or a
 * password reset, and how long each stays valid. An invitation may wait over a weekend; a reset
 * link is made on request and should not outlive the day.
 */
export const ACCOUNT_LINK_PURPOSES = ["invite", "reset"] as const;
export type AccountLinkPurpose = (typeof ACCOUNT_LINK_PURPOSES)[number];

export const ACCOUNT_LINK_LIFETIME_MS: Readonly<Record<AccountLinkPurpose, number>> = {
  invite: 7 * 24 * 60 * 60 * 1000,
  reset: 24 * 60 * 60 * 1000,
};
