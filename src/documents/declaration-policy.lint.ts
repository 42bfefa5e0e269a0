import type { DeclarationPolicyDocument } from "./declaration-policy.schema.js";
import type { PlanDocument } from "./plan.schema.js";
import type { ProcedureDocument } from "./procedure.schema.js";

/** A lint finding inside a declaration policy, by path. */
export interface PolicyProblem {
  path: (string | number)[];
  message: string;
  level: "error" | "warning";
}

/** The findings of one document's check, and `error` to record one. */
export function policyFindings(): {
  out: PolicyProblem[];
  error: (path: (string | number)[], message: string) => void;
} {
  const out: PolicyProblem[] = [];
  return { out, error: (path, message) => out.push({ path, message, level: "error" }) };
}

/**
 * Whether a procedure covers incidents of `type` at `severity` (one that lists no severities
 * covers them all).
 */
export const procedureCovers = (p: ProcedureDocument, type: string, severity: string): boolean =>
  p.applies_to.incident_types.includes(type) &&
  (p.applies_to.severities.length === 0 || p.applies_to.severities.includes(severity));

/**
 * Checks a declaration policy against the plan and procedures: incident types and severities
 * exist, rule ids are unique, and some procedure covers each declared type at the severity it
 * would be declared with (otherwise declaring would fail when the alerts arrive, not now).
 */
export function declarationPolicyProblems(
  policy: DeclarationPolicyDocument,
  plan: PlanDocument,
  procedures: readonly ProcedureDocument[],
): PolicyProblem[] {
  const { out, error } = policyFindings();
  const severities = plan.severity_scale.map((s) => s.id);
  const seen = new Set<string>();
  policy.rules.forEach((rule, i) => {
    if (seen.has(rule.id)) error(["rules", i, "id"], `duplicate rule id '${rule.id}'`);
    seen.add(rule.id);
    const min = rule.match.min_severity;
    if (min !== undefined && !severities.includes(min))
      error(
        ["rules", i, "match", "min_severity"],
        `'${min}' is not a severity on the plan's scale`,
      );
    const type = plan.incident_types.find((t) => t.id === rule.declare.type);
    if (!type) {
      error(
        ["rules", i, "declare", "type"],
        `'${rule.declare.type}' is not an incident type in the plan`,
      );
      return;
    }
    const sev = rule.declare.severity;
    if (sev !== undefined && !severities.includes(sev)) {
      error(["rules", i, "declare", "severity"], `'${sev}' is not a severity on the plan's scale`);
      return;
    }
    // Without a fixed severity the alerts decide it, so every severity they may have must work.
    const possible =
      sev !== undefined ? [sev] : severities.slice(Math.max(0, min ? severities.indexOf(min) : 0));
    const uncovered = possible.filter(
      (s) => !procedures.some((p) => procedureCovers(p, type.id, s)),
    );
    if (uncovered.length > 0)
      error(
        ["rules", i, "declare"],
        `no procedure covers incident type '${type.id}' at severity ${uncovered.map((s) => `'${s}'`).join(", ")}`,
      );
  });
  return out;
}
