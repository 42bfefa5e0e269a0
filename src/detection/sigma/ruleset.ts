/**
 * Compiles Sigma sources (file name + YAML text) into a RuleSet: detection rules, filters applied
 * to the rules they name, and correlations with their references checked. One broken document
 * never stops the others: it becomes a `{file, reason}` failure.
 */
import { FieldRegistry } from "./context.js";
import { buildCorrelation } from "./correlation-rule.js";
import type { FieldCompileContext } from "./field-compiler.js";
import { parseSigmaYaml, type SigmaDocument } from "./parser.js";
import { applyFilters, buildFilter, buildRule, failureOf } from "./rule-builder.js";
import type {
  CompiledRule,
  CorrelationRule,
  RuleFailure,
  RuleWarning,
  SigmaFilter,
} from "./types.js";

/** Options of rule compilation. */
export interface CompileOptions {
  /**
   * Values of `%name%` placeholders used with the `expand` modifier. A placeholder without a
   * value expands to nothing, so its field condition matches no event (a warning says so).
   */
  placeholders?: Record<string, string | string[]>;
}

/** The result of compiling rules. */
export interface RuleSet {
  rules: CompiledRule[];
  correlations: CorrelationRule[];
  filters: SigmaFilter[];
  failures: RuleFailure[];
  warnings: RuleWarning[];
  /** Field slots shared by the compiled rules (needed to evaluate them). */
  registry: FieldRegistry;
}

/** One rule file's content. */
export interface RuleSource {
  file: string;
  text: string;
}

function placeholderMap(p: CompileOptions["placeholders"]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(p ?? {}))
    out[k] = Array.isArray(v) ? v.map(String) : [String(v)];
  return out;
}

/** Compiles rule sources. */
export function compileRules(sources: RuleSource[], options: CompileOptions = {}): RuleSet {
  const registry = new FieldRegistry();
  const placeholders = placeholderMap(options.placeholders);
  const failures: RuleFailure[] = [];
  const warnings: RuleWarning[] = [];
  const docs: SigmaDocument[] = [];
  for (const src of sources) {
    const { docs: d, errors } = parseSigmaYaml(src.file, src.text);
    docs.push(...d);
    failures.push(...errors);
  }

  const rules: CompiledRule[] = [];
  const filters: SigmaFilter[] = [];
  const correlations: { doc: SigmaDocument; rule: CorrelationRule }[] = [];
  for (const doc of docs) {
    const unresolved = new Set<string>();
    const cx: FieldCompileContext = { registry, placeholders, unresolved };
    try {
      if (doc.kind === "rule") {
        const rule = buildRule(doc, rules.length, cx);
        rules.push(rule);
        if (unresolved.size > 0) {
          warnings.push({
            file: doc.file,
            rule_id: rule.id,
            message: `placeholder(s) ${[...unresolved].map((p) => `%${p}%`).join(", ")} have no value; conditions using them match nothing`,
          });
        }
      } else if (doc.kind === "filter") filters.push(buildFilter(doc, cx));
      else correlations.push({ doc, rule: buildCorrelation(doc) });
    } catch (e) {
      failures.push(failureOf(doc, e));
    }
  }

  applyFilters(rules, filters);
  const accepted = resolveCorrelations(rules, correlations, failures);
  return { rules, correlations: accepted, filters, failures, warnings, registry };
}

/**
 * Checks correlation references (by id or name, rules or other correlations), rejects cycles and
 * marks referenced rules as correlation-only unless a correlation asks for `generate: true`.
 */
function resolveCorrelations(
  rules: CompiledRule[],
  items: { doc: SigmaDocument; rule: CorrelationRule }[],
  failures: RuleFailure[],
): CorrelationRule[] {
  const ruleRefs = new Map<string, CompiledRule>();
  for (const r of rules) {
    ruleRefs.set(r.id, r);
    if (r.name) ruleRefs.set(r.name, r);
  }
  let pending = items.slice();
  const accepted = new Map<string, CorrelationRule>();
  // Accept correlations whose references all resolve, repeating until nothing changes so that
  // chains resolve regardless of document order; what remains is missing or cyclic.
  let changed = true;
  while (changed) {
    changed = false;
    const next: typeof pending = [];
    for (const it of pending) {
      const ok = it.rule.rules.every((r) => ruleRefs.has(r) || accepted.has(r));
      if (!ok) {
        next.push(it);
        continue;
      }
      accepted.set(it.rule.id, it.rule);
      if (it.rule.name) accepted.set(it.rule.name, it.rule);
      changed = true;
    }
    pending = next;
  }
  const known = new Set(items.flatMap((i) => [i.rule.id, i.rule.name].filter(Boolean)));
  for (const it of pending) {
    const missing = it.rule.rules.filter((r) => !ruleRefs.has(r) && !accepted.has(r));
    const cyclic = missing.filter((m) => known.has(m));
    const reason = cyclic.length
      ? `correlation references form a cycle or depend on a failed correlation: ${cyclic.join(", ")}`
      : `correlation references unknown rule(s): ${missing.join(", ")}`;
    failures.push(failureOf(it.doc, new Error(reason), ["correlation", "rules"]));
  }
  const result = [...new Set(accepted.values())];
  for (const c of result) {
    for (const ref of c.rules) {
      const target = ruleRefs.get(ref) ?? accepted.get(ref);
      if (target && !c.generate) target.standalone = false;
    }
  }
  // A rule referenced by a correlation with `generate: true` stays standalone.
  for (const c of result) {
    if (!c.generate) continue;
    for (const ref of c.rules) {
      const target = ruleRefs.get(ref) ?? accepted.get(ref);
      if (target) target.standalone = true;
    }
  }
  return result;
}
