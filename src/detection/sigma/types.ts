/** Types shared by the Sigma parser, compiler, engine and loader. */
import type { EventContext } from "./context.js";

/** Sigma logsource attributes (lowercase). */
export interface Logsource {
  product?: string;
  category?: string;
  service?: string;
}

/**
 * A prefilter atom: the lowercased value of field `slot` equals (`eq`), starts with (`prefix`),
 * ends with (`suffix`) or contains (`sub`) `needle`. Slot -1 stands for "any value of the event"
 * (keyword search; always `sub`).
 */
export interface Atom {
  slot: number;
  kind: "eq" | "prefix" | "suffix" | "sub";
  needle: string;
}

/**
 * Necessary condition in conjunctive normal form: every group must have one atom that occurs in
 * the event. `[]` means nothing is known (evaluate always); a group with no atoms can never hold.
 */
export type Need = Atom[][];

/** A compiled piece of detection logic. */
export interface MatchNode {
  test: (ctx: EventContext) => boolean;
  need: Need;
  /** True for negations (evaluated after positive operands: filters rarely match). */
  negated?: boolean;
  /** Rough evaluation cost, used to evaluate cheap conditions first. */
  cost: number;
  /** Field names the node looks at (for match explanations). */
  fields: string[];
}

/** Why a rule, correlation or filter could not be used. */
export interface RuleFailure {
  file: string;
  reason: string;
  line?: number;
  column?: number;
}

/** A non-fatal remark about a rule (for example a placeholder without a value). */
export interface RuleWarning {
  file: string;
  rule_id?: string;
  message: string;
}

/** Metadata carried from the rule document to matches. */
export interface RuleMeta {
  id: string;
  title: string;
  name?: string;
  level: string;
  status?: string;
  description?: string;
  author?: string;
  tags: string[];
  references: string[];
  falsepositives: string[];
  /** Fields the rule author suggests showing. */
  fields: string[];
  logsource: Logsource;
  file: string;
}

/** A detection rule compiled to a predicate. */
export interface CompiledRule extends RuleMeta {
  /** Position in the rule set (stable output order). */
  index: number;
  test: (ctx: EventContext) => boolean;
  need: Need;
  /** False when only correlations may use the rule (a correlation without `generate: true`). */
  standalone: boolean;
  /** Lists the fields (and values) behind a match. */
  explain: (ctx: EventContext) => Record<string, unknown>;
}

/** Comparison of a correlation condition. */
export interface CorrelationCondition {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  eq?: number;
  neq?: number;
  field?: string[];
}

/** The correlation types of Sigma 2.1. */
export type CorrelationType =
  | "event_count"
  | "value_count"
  | "temporal"
  | "temporal_ordered"
  | "value_sum"
  | "value_avg"
  | "value_percentile";

/** A parsed correlation rule (references resolved to rule ids when the rule set is built). */
export interface CorrelationRule extends Omit<RuleMeta, "logsource" | "fields"> {
  type: CorrelationType;
  /** Referenced rules: ids or names as written. */
  rules: string[];
  groupBy: string[];
  timespanMs: number;
  condition: CorrelationCondition;
  /** alias → (rule id or name → field). */
  aliases: Record<string, Record<string, string>>;
  generate: boolean;
  standalone: boolean;
}

/** A parsed global filter (Sigma filters specification). */
export interface SigmaFilter {
  id?: string;
  title: string;
  file: string;
  logsource: Logsource;
  rules: string[];
  node: MatchNode;
}

/** A base rule match. */
export interface RuleMatch {
  rule: CompiledRule;
  /** Field → value pairs behind the match (present when explanations are requested). */
  matched_fields?: Record<string, unknown>;
}
