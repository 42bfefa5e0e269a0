/**
 * What a preparation activity is, so that Firebreak can do more than remind: contact
 * verification feeds the "stale contacts" part of the readiness score, and a log source check
 * runs itself (rules' log sources against the events that actually arrive). Here, not in the
 * plan's schema, because the API's contract names them too and runs no documents code.
 */
export const PREPARATION_KINDS = [
  "backup_restore_test",
  "contact_verification",
  "plan_review",
  "log_source_check",
  "drill",
  "other",
] as const;

/** The parts of the readiness score (`preparation/readiness.ts` weighs them), in the order shown. */
export const READINESS_COMPONENTS = [
  "lint",
  "preparation",
  "contacts",
  "deputies",
  "exercises",
  "detection_coverage",
  "plan_approval",
  "channels",
] as const;

export type ReadinessComponentId = (typeof READINESS_COMPONENTS)[number];
