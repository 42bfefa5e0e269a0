/**
 * Firebreak's Sigma detection engine (Sigma specification 2.1): rules, modifiers, conditions,
 * filters and correlations, compiled once into predicates and evaluated against events whose
 * logsource fits.
 *
 * ```ts
 * const set = loadRules(["rules/"], { placeholders: { Administrators: ["adm_*"] } });
 * const engine = new SigmaEngine(set);
 * for (const m of engine.match(event)) console.log(m.rule.id, m.rule.title);
 * ```
 */
export { EventContext, FieldRegistry } from "./context.js";
export type { CorrelationHit, CorrelationMatch } from "./correlation.js";
export { CorrelationEngine } from "./correlation.js";
export { parseTimespan } from "./correlation-rule.js";
export type { EngineEvent, EngineOptions, ProcessResult } from "./engine.js";
export { SigmaEngine } from "./engine.js";
export type { LoadOptions } from "./loader.js";
export { findRuleFiles, loadRules } from "./loader.js";
export type { Classification, LogsourceMapping } from "./logsource.js";
export {
  applyFieldMaps,
  defaultMapping,
  LogsourceClassifier,
  logsourceApplies,
} from "./logsource.js";
export type { SourceRule } from "./mapping-generic.js";
export type { CategoryDef, ChannelDef, FieldMap, WindowsMapping } from "./mapping-windows.js";
export type { CompileOptions, RuleSet, RuleSource } from "./ruleset.js";
export { compileRules } from "./ruleset.js";
export type {
  CompiledRule,
  CorrelationCondition,
  CorrelationRule,
  CorrelationType,
  Logsource,
  RuleFailure,
  RuleMatch,
  RuleMeta,
  RuleWarning,
  SigmaFilter,
} from "./types.js";
