/**
 * Post-incident work that closing can require (the plan's `close_requires` per severity): a
 * root-cause analysis that found the root cause and decided the solution, a recorded
 * lessons-learned review, a stored after-action or executive report.
 */
export const CLOSING_OBLIGATIONS = [
  "root_cause_analysis",
  "lessons_learned",
  "after_action_report",
  "executive_report",
] as const;

export type ClosingObligation = (typeof CLOSING_OBLIGATIONS)[number];
