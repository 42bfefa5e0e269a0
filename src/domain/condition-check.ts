import { type ConditionNode, parseCondition } from "./condition.js";

/** What a condition may refer to: the plan's scale, its incident types and declared attributes. */
export interface ConditionVocabulary {
  /** Severity ids, lowest first. */
  severities: readonly string[];
  types: readonly string[];
  attributes: Readonly<Record<string, AttributeType>>;
}

export type AttributeType = "boolean" | "number" | "string" | "string_list";

export interface ConditionProblem {
  message: string;
  offset: number;
}

/** The facts a condition is evaluated against. */
export interface ConditionFacts {
  severity: string;
  type: string;
  attributes: Readonly<Record<string, unknown>>;
}

const ORDERING = new Set(["<", "<=", ">", ">="]);

function offsetOf(node: ConditionNode): number {
  switch (node.kind) {
    case "name":
    case "literal":
    case "list":
      return node.offset;
    case "not":
      return offsetOf(node.operand);
    default:
      return offsetOf(node.left);
  }
}

/** Symbols a comparison's right-hand side holds: bare names and strings alike. */
function symbols(node: ConditionNode): { value: string | number | boolean; offset: number }[] {
  if (node.kind === "list") return node.items.flatMap(symbols);
  if (node.kind === "name") return [{ value: node.name, offset: node.offset }];
  if (node.kind === "literal") return [{ value: node.value, offset: node.offset }];
  return [{ value: Number.NaN, offset: offsetOf(node) }];
}

/**
 * Type-checks a parsed condition against the plan's vocabulary. Reports unknown names, values
 * that are not on the scale, comparisons that make no sense for the type, and severity
 * comparisons that can never hold (e.g. `severity > catastrophe` on the default scale).
 */
export function checkCondition(
  node: ConditionNode,
  vocab: ConditionVocabulary,
): ConditionProblem[] {
  const problems: ConditionProblem[] = [];
  const report = (message: string, at: ConditionNode | number) =>
    problems.push({ message, offset: typeof at === "number" ? at : offsetOf(at) });

  function visit(n: ConditionNode): void {
    switch (n.kind) {
      case "and":
      case "or":
        visit(n.left);
        visit(n.right);
        return;
      case "not":
        visit(n.operand);
        return;
      case "name": {
        const t = vocab.attributes[n.name];
        if (n.name === "severity" || n.name === "type")
          report(`'${n.name}' must be compared with a value`, n);
        else if (!t) report(`unknown attribute '${n.name}'`, n);
        else if (t !== "boolean") report(`'${n.name}' is a ${t}; compare it with a value`, n);
        return;
      }
      case "literal":
      case "list":
        report("a condition must test an attribute, severity or type", n);
        return;
      case "compare":
        checkCompare(n);
    }
  }

  function checkCompare(n: Extract<ConditionNode, { kind: "compare" }>): void {
    // `"payments" in affected_services`: membership in a list attribute.
    if (
      n.op === "in" &&
      n.right.kind === "name" &&
      vocab.attributes[n.right.name] === "string_list"
    ) {
      if (n.left.kind !== "literal" || typeof n.left.value !== "string")
        report("the left side of 'in <list attribute>' must be a string", n.left);
      return;
    }
    if (n.left.kind !== "name") {
      report("the left side of a comparison must be an attribute, severity or type", n.left);
      return;
    }
    const name = n.left.name;
    const values = symbols(n.right);
    if (n.op === "in" && n.right.kind !== "list") report("'in' takes a list: [a, b]", n.right);
    if (n.op !== "in" && n.right.kind === "list")
      report(`'${n.op}' takes one value, not a list`, n.right);

    if (name === "severity") {
      for (const v of values)
        if (!vocab.severities.includes(String(v.value)))
          report(
            `'${v.value}' is not a severity on the plan's scale (${vocab.severities.join(", ")})`,
            v.offset,
          );
      const only = values[0];
      if (ORDERING.has(n.op) && only && vocab.severities.includes(String(only.value))) {
        const rank = vocab.severities.indexOf(String(only.value));
        const top = vocab.severities.length - 1;
        const never = (n.op === ">" && rank === top) || (n.op === "<" && rank === 0);
        if (never)
          report(`'severity ${n.op} ${only.value}' can never hold on the plan's scale`, n.left);
      }
      return;
    }
    if (name === "type") {
      if (ORDERING.has(n.op)) report("incident types have no order", n.left);
      for (const v of values)
        if (!vocab.types.includes(String(v.value)))
          report(`'${v.value}' is not an incident type`, v.offset);
      return;
    }
    const t = vocab.attributes[name];
    if (!t) {
      report(`unknown attribute '${name}'`, n.left);
      return;
    }
    if (t === "string_list") {
      report(`'${name}' is a list; test membership with '"value" in ${name}'`, n.left);
      return;
    }
    if (ORDERING.has(n.op) && t !== "number")
      report(`'${name}' is a ${t} and has no order`, n.left);
    for (const v of values) {
      const ok =
        (t === "number" && typeof v.value === "number") ||
        (t === "boolean" && typeof v.value === "boolean") ||
        (t === "string" && typeof v.value === "string");
      if (!ok) report(`'${name}' is a ${t}; '${v.value}' is not`, v.offset);
    }
  }

  visit(node);
  return problems;
}

/** Evaluates a checked condition; unknown or missing attributes count as absent (false). */
export function evaluateCondition(
  node: ConditionNode,
  facts: ConditionFacts,
  severities: readonly string[],
): boolean {
  const value = (n: ConditionNode): unknown => {
    if (n.kind === "name") {
      if (n.name === "severity") return facts.severity;
      if (n.name === "type") return facts.type;
      return facts.attributes[n.name];
    }
    if (n.kind === "literal") return n.value;
    if (n.kind === "list") return n.items.map((i) => (i.kind === "name" ? i.name : value(i)));
    return evaluateCondition(n, facts, severities);
  };
  const symbol = (n: ConditionNode): unknown => (n.kind === "name" ? n.name : value(n));

  switch (node.kind) {
    case "and":
      return (
        evaluateCondition(node.left, facts, severities) &&
        evaluateCondition(node.right, facts, severities)
      );
    case "or":
      return (
        evaluateCondition(node.left, facts, severities) ||
        evaluateCondition(node.right, facts, severities)
      );
    case "not":
      return !evaluateCondition(node.operand, facts, severities);
    case "name":
      return value(node) === true;
    case "literal":
    case "list":
      return false;
    case "compare": {
      if (
        node.op === "in" &&
        node.right.kind === "name" &&
        !["severity", "type"].includes(node.right.name)
      ) {
        const list = facts.attributes[node.right.name];
        return Array.isArray(list) && list.includes(value(node.left));
      }
      let left = value(node.left);
      let right = node.op === "in" ? value(node.right) : symbol(node.right);
      if (node.left.kind === "name" && node.left.name === "severity") {
        left = severities.indexOf(String(left));
        right = Array.isArray(right)
          ? right.map((r) => severities.indexOf(String(r)))
          : severities.indexOf(String(right));
      }
      switch (node.op) {
        case "==":
          return left === right;
        case "!=":
          return left !== right;
        case "in":
          return Array.isArray(right) && right.includes(left);
        case "<":
          return (left as number) < (right as number);
        case "<=":
          return (left as number) <= (right as number);
        case ">":
          return (left as number) > (right as number);
        case ">=":
          return (left as number) >= (right as number);
      }
    }
  }
}

// Conditions are checked when their document loads; parsing is cached so that evaluating the same
// few triggers and audience conditions for many incidents does not re-parse them.
const parsed = new Map<string, ConditionNode>();

/** Whether a condition's text holds for the facts; the text must already be valid. */
export function conditionHolds(
  text: string,
  facts: ConditionFacts,
  severities: readonly string[],
): boolean {
  let node = parsed.get(text);
  if (!node) {
    node = parseCondition(text);
    parsed.set(text, node);
  }
  return evaluateCondition(node, facts, severities);
}
