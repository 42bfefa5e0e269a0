/**
 * Compiles a rule's `detection` section into one predicate: search identifiers become MatchNodes,
 * the condition is parsed and folded into and/or/not closures with the cheapest operands first,
 * and the prefilter atoms of the whole rule are derived on the way.
 */

import { needAll, needAny, UNCONSTRAINED } from "./atoms.js";
import {
  type Cond,
  expandCondition,
  parseCondition,
  positiveRefs,
  resolveOf,
} from "./condition.js";
import type { EventContext } from "./context.js";
import { compileField, type FieldCompileContext } from "./field-compiler.js";
import type { MatchNode } from "./types.js";

/** An error that knows where in the document it belongs. */
export class PathError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
  }
}

function withPath<T>(path: (string | number)[], fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PathError) throw e;
    throw new PathError(e instanceof Error ? e.message : String(e), path);
  }
}

/** Evaluation order: positive operands before negations (filters rarely match), cheap first. */
function byCost(a: MatchNode, b: MatchNode): number {
  const na = a.negated ? 1 : 0;
  const nb = b.negated ? 1 : 0;
  return na !== nb ? na - nb : a.cost - b.cost;
}

/** Logical AND of nodes, cheapest first. */
export function andNode(nodes: MatchNode[]): MatchNode {
  if (nodes.length === 1) return nodes[0] as MatchNode;
  const tests = nodes
    .slice()
    .sort(byCost)
    .map((n) => n.test);
  const [a, b, c] = tests as [MatchNode["test"], MatchNode["test"], MatchNode["test"]];
  const test: MatchNode["test"] =
    tests.length === 2
      ? (ctx) => a(ctx) && b(ctx)
      : tests.length === 3
        ? (ctx) => a(ctx) && b(ctx) && c(ctx)
        : (ctx) => {
            for (let i = 0; i < tests.length; i++) {
              if (!(tests[i] as MatchNode["test"])(ctx)) return false;
            }
            return true;
          };
  return {
    test,
    need: needAll(nodes.map((n) => n.need)),
    cost: nodes.reduce((s, n) => s + n.cost, 0),
    fields: nodes.flatMap((n) => n.fields),
    negated: nodes.every((n) => n.negated),
  };
}

/** Logical OR of nodes, cheapest first. */
export function orNode(nodes: MatchNode[]): MatchNode {
  if (nodes.length === 1) return nodes[0] as MatchNode;
  const tests = nodes
    .slice()
    .sort((x, y) => x.cost - y.cost)
    .map((n) => n.test);
  const [a, b] = tests as [MatchNode["test"], MatchNode["test"]];
  const test: MatchNode["test"] =
    tests.length === 2
      ? (ctx) => a(ctx) || b(ctx)
      : (ctx) => {
          for (let i = 0; i < tests.length; i++)
            if ((tests[i] as MatchNode["test"])(ctx)) return true;
          return false;
        };
  return {
    test,
    need: needAny(nodes.map((n) => n.need)),
    cost: nodes.reduce((s, n) => s + n.cost, 0),
    fields: nodes.flatMap((n) => n.fields),
    negated: nodes.some((n) => n.negated),
  };
}

/** Logical NOT (a negation guarantees no literal). */
export function notNode(node: MatchNode): MatchNode {
  const t = node.test;
  return {
    test: (ctx) => !t(ctx),
    need: UNCONSTRAINED,
    cost: node.cost,
    fields: [],
    negated: true,
  };
}

function atLeastNode(n: number, nodes: MatchNode[]): MatchNode {
  const tests = nodes.map((x) => x.test);
  return {
    test: (ctx) => {
      let hits = 0;
      for (const t of tests) if (t(ctx) && ++hits >= n) return true;
      return false;
    },
    need: needAny(nodes.map((x) => x.need)),
    cost: nodes.reduce((s, x) => s + x.cost, 0),
    fields: nodes.flatMap((x) => x.fields),
  };
}

/** Compiles one search identifier's definition (map, list of maps, keyword list, scalar). */
export function compileSearch(name: string, def: unknown, cx: FieldCompileContext): MatchNode {
  const path = ["detection", name];
  if (def === null || def === undefined)
    throw new PathError(`search identifier '${name}' is empty`, path);
  if (Array.isArray(def)) {
    if (def.length === 0) throw new PathError(`search identifier '${name}' is an empty list`, path);
    const maps: MatchNode[] = [];
    const keywords: unknown[] = [];
    def.forEach((item, i) => {
      if (item !== null && typeof item === "object" && !Array.isArray(item)) {
        maps.push(compileMap(item as Record<string, unknown>, [...path, i], cx));
      } else if (Array.isArray(item)) {
        throw new PathError(`nested lists are not allowed in '${name}'`, [...path, i]);
      } else keywords.push(item);
    });
    if (keywords.length > 0) maps.push(withPath(path, () => compileField("", keywords, cx)));
    return orNode(maps);
  }
  if (typeof def === "object") return compileMap(def as Record<string, unknown>, path, cx);
  return withPath(path, () => compileField("", [def], cx));
}

function compileMap(
  map: Record<string, unknown>,
  path: (string | number)[],
  cx: FieldCompileContext,
): MatchNode {
  const keys = Object.keys(map);
  if (keys.length === 0) throw new PathError("empty map in detection", path);
  return andNode(keys.map((k) => withPath([...path, k], () => compileField(k, map[k], cx))));
}

function compileCond(c: Cond, nodes: Map<string, MatchNode>, names: string[]): MatchNode {
  switch (c.t) {
    case "ref":
      return nodes.get(c.name) as MatchNode;
    case "not":
      return notNode(compileCond(c.item, nodes, names));
    case "and":
      return andNode(c.items.map((x) => compileCond(x, nodes, names)));
    case "or":
      return orNode(c.items.map((x) => compileCond(x, nodes, names)));
    case "of": {
      const refs = resolveOf(c.pattern, names).map((n) => nodes.get(n) as MatchNode);
      return atLeastNode(c.quant as number, refs);
    }
  }
}

/** A compiled detection section. */
export interface CompiledDetection {
  node: MatchNode;
  explain: (ctx: EventContext) => Record<string, unknown>;
}

/** Compiles a `detection` map (search identifiers plus `condition`). */
export function compileDetection(detection: unknown, cx: FieldCompileContext): CompiledDetection {
  if (detection === null || typeof detection !== "object" || Array.isArray(detection)) {
    throw new PathError("'detection' must be a map", ["detection"]);
  }
  const det = detection as Record<string, unknown>;
  const rawCond = det.condition;
  if (rawCond === undefined) throw new PathError("'detection' has no 'condition'", ["detection"]);
  const conds = Array.isArray(rawCond) ? rawCond : [rawCond];
  const names = Object.keys(det).filter((k) => k !== "condition" && k !== "timeframe");
  const nodes = new Map<string, MatchNode>();
  for (const n of names) nodes.set(n, compileSearch(n, det[n], cx));
  const parsed = conds.map((c, i) =>
    withPath(["detection", "condition", ...(Array.isArray(rawCond) ? [i] : [])], () => {
      if (typeof c !== "string") throw new Error("condition must be a string");
      return expandCondition(parseCondition(c), names);
    }),
  );
  const node = orNode(parsed.map((c) => compileCond(c, nodes, names)));
  const positive = new Set<string>();
  for (const c of parsed) positiveRefs(c, names, false, positive);
  const explainNodes = [...positive].map((n) => nodes.get(n) as MatchNode);
  const explain = (ctx: EventContext): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const n of explainNodes) {
      if (!n.test(ctx)) continue;
      for (const f of n.fields) {
        const v = ctx.fields[f];
        if (v !== undefined) out[f] = v;
      }
    }
    return out;
  };
  return { node, explain };
}
