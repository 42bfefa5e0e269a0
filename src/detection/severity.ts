import type { PlanDocument } from "../documents/plan.schema.js";

/** Sigma rule levels, least severe first. */
export const RULE_LEVELS = ["informational", "low", "medium", "high", "critical"] as const;
/** A Sigma rule level. */
export type RuleLevel = (typeof RULE_LEVELS)[number];

/**
 * The plan severity for a rule level, as the plan's `severity_scale[].rule_levels` say. A level
 * no severity lists takes the severity of the nearest more severe level that is listed (an
 * unlisted level must not be under-rated), then the nearest less severe one, then the lowest
 * severity of the scale.
 */
export function severityForLevel(plan: PlanDocument, level: RuleLevel): string {
  const scale = plan.severity_scale;
  const of = (l: RuleLevel) => scale.find((s) => s.rule_levels.includes(l))?.id;
  const at = RULE_LEVELS.indexOf(level);
  for (let i = at; i < RULE_LEVELS.length; i++) {
    const found = of(RULE_LEVELS[i] as RuleLevel);
    if (found) return found;
  }
  for (let i = at - 1; i >= 0; i--) {
    const found = of(RULE_LEVELS[i] as RuleLevel);
    if (found) return found;
  }
  return (scale[0] as { id: string }).id;
}

/** Sender vocabularies (PagerDuty, Alertmanager labels, common monitoring words) → rule level. */
const SENDER_LEVELS: Record<string, RuleLevel> = {
  critical: "critical",
  crit: "critical",
  fatal: "critical",
  emergency: "critical",
  page: "critical",
  p1: "critical",
  sev1: "critical",
  error: "high",
  err: "high",
  high: "high",
  major: "high",
  p2: "high",
  sev2: "high",
  warning: "medium",
  warn: "medium",
  medium: "medium",
  minor: "medium",
  p3: "medium",
  sev3: "medium",
  low: "low",
  p4: "low",
  sev4: "low",
  info: "informational",
  informational: "informational",
  notice: "informational",
  none: "informational",
  p5: "informational",
};

/** A sender's severity word as a rule level; unknown words count as `medium`. */
export function levelOfSender(value: unknown): RuleLevel {
  if (typeof value !== "string") return "medium";
  return SENDER_LEVELS[value.trim().toLowerCase()] ?? "medium";
}

/**
 * A sender's severity on the plan's scale: a severity id of the plan is taken as it is, anything
 * else goes through the sender vocabulary and the plan's rule levels.
 */
export function severityOfSender(plan: PlanDocument, value: unknown): string {
  if (typeof value === "string") {
    const direct = plan.severity_scale.find((s) => s.id === value.trim().toLowerCase());
    if (direct) return direct.id;
  }
  return severityForLevel(plan, levelOfSender(value));
}

/** Position of a severity on the plan's scale (lowest 0); -1 when the plan does not know it. */
export function severityRank(plan: PlanDocument, severity: string): number {
  return plan.severity_scale.findIndex((s) => s.id === severity);
}
