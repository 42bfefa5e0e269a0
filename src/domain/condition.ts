/**
 * Step conditions: a small typed expression language over incident attributes, e.g.
 * `severity >= emergency and personal_data` or `type in [ransomware, malware]`.
 *
 * Conditions are parsed and type-checked when a document loads, and evaluated by walking the
 * tree — never as code. Grammar:
 *
 *   expr    := or
 *   or      := and ("or" and)*
 *   and     := unary ("and" unary)*
 *   unary   := "not" unary | compare
 *   compare := operand (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in") operand)?
 *   operand := NAME | STRING | NUMBER | "true" | "false" | "[" operand ("," operand)* "]" | "(" expr ")"
 */

export type Comparator = "==" | "!=" | "<" | "<=" | ">" | ">=" | "in";

export type ConditionNode =
  | { kind: "and" | "or"; left: ConditionNode; right: ConditionNode }
  | { kind: "not"; operand: ConditionNode }
  | { kind: "compare"; op: Comparator; left: ConditionNode; right: ConditionNode }
  | { kind: "name"; name: string; offset: number }
  | { kind: "literal"; value: string | number | boolean; offset: number }
  | { kind: "list"; items: ConditionNode[]; offset: number };

export class ConditionSyntaxError extends Error {
  constructor(
    message: string,
    /** Character offset inside the condition text. */
    readonly offset: number,
  ) {
    super(message);
  }
}

type Token = {
  type: "name" | "string" | "number" | "op" | "punct" | "end";
  text: string;
  offset: number;
};

const TOKEN =
  /\s*(?:(==|!=|<=|>=|<|>)|([[\](),])|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)|([A-Za-z_][\w.-]*))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) {
      const at = pos + (text.slice(pos).length - text.slice(pos).trimStart().length);
      throw new ConditionSyntaxError(`unexpected character '${text[at]}'`, at);
    }
    const offset = m.index + m[0].length - m[0].trimStart().length;
    if (m[1]) tokens.push({ type: "op", text: m[1], offset });
    else if (m[2]) tokens.push({ type: "punct", text: m[2], offset });
    else if (m[3])
      tokens.push({ type: "string", text: m[3].slice(1, -1).replace(/\\(.)/g, "$1"), offset });
    else if (m[4]) tokens.push({ type: "number", text: m[4], offset });
    else if (m[5]) tokens.push({ type: "name", text: m[5], offset });
    pos = TOKEN.lastIndex;
  }
  tokens.push({ type: "end", text: "", offset: text.length });
  return tokens;
}

/** Parses a condition; throws ConditionSyntaxError with the offset of the problem. */
export function parseCondition(text: string): ConditionNode {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i] as Token;
  const next = () => tokens[i++] as Token;
  const isWord = (w: string) => peek().type === "name" && peek().text === w;
  const expect = (text: string) => {
    const t = next();
    if (t.text !== text || (t.type !== "punct" && t.type !== "op"))
      throw new ConditionSyntaxError(`expected '${text}' but found '${t.text || "end"}'`, t.offset);
  };

  function or(): ConditionNode {
    let left = and();
    while (isWord("or")) {
      next();
      left = { kind: "or", left, right: and() };
    }
    return left;
  }
  function and(): ConditionNode {
    let left = unary();
    while (isWord("and")) {
      next();
      left = { kind: "and", left, right: unary() };
    }
    return left;
  }
  function unary(): ConditionNode {
    if (isWord("not")) {
      next();
      return { kind: "not", operand: unary() };
    }
    return compare();
  }
  function compare(): ConditionNode {
    const left = operand();
    const t = peek();
    if (t.type === "op" || (t.type === "name" && t.text === "in")) {
      next();
      return { kind: "compare", op: t.text as Comparator, left, right: operand() };
    }
    return left;
  }
  function operand(): ConditionNode {
    const t = next();
    switch (t.type) {
      case "string":
        return { kind: "literal", value: t.text, offset: t.offset };
      case "number":
        return { kind: "literal", value: Number(t.text), offset: t.offset };
      case "name":
        if (["and", "or", "not", "in"].includes(t.text))
          throw new ConditionSyntaxError(`'${t.text}' cannot stand here`, t.offset);
        if (t.text === "true" || t.text === "false")
          return { kind: "literal", value: t.text === "true", offset: t.offset };
        return { kind: "name", name: t.text, offset: t.offset };
      case "punct":
        if (t.text === "(") {
          const inner = or();
          expect(")");
          return inner;
        }
        if (t.text === "[") {
          const items = [operand()];
          while (peek().text === ",") {
            next();
            items.push(operand());
          }
          expect("]");
          return { kind: "list", items, offset: t.offset };
        }
        break;
    }
    throw new ConditionSyntaxError(
      t.type === "end" ? "condition ends too early" : `unexpected '${t.text}'`,
      t.offset,
    );
  }

  const tree = or();
  const rest = peek();
  if (rest.type !== "end") throw new ConditionSyntaxError(`unexpected '${rest.text}'`, rest.offset);
  return tree;
}
