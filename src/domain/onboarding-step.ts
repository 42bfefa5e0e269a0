/**
 * The first-run checklist's steps, in the order the work is best done (preparation/onboarding.ts
 * decides each; the contract and the web name them).
 */
export const ONBOARDING_STEPS = [
  "organisation",
  "people",
  "roles",
  "channels",
  "approved",
  "invite",
] as const;

export type OnboardingStepId = (typeof ONBOARDING_STEPS)[number];
