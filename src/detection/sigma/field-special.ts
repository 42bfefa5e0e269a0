/**
 * Detection entries that are not "one field against values": keyword searches (a value anywhere
 * in the event) and field references (`fieldref`: one field compared with another).
 */
import { anyAtom, IMPOSSIBLE, KEYWORD_SLOT, needAll, patternAtom, UNCONSTRAINED } from "./atoms.js";
import { type EventContext, type FieldRegistry, scalarString } from "./context.js";
import type { FieldCompileContext } from "./field-compiler.js";
import type { ModifierSet } from "./modifiers.js";
import { valuePatterns } from "./modifiers.js";
import { anyOf, asStrings, type Pred, stringPreds } from "./preds.js";
import { compileRegex, regexNeedles } from "./regex.js";
import type { Atom, MatchNode, Need } from "./types.js";
import { STAR } from "./wildcard.js";

/** `Field|fieldref: Other`, with optional contains/startswith/endswith, cased, all. */
export function compileFieldref(
  slot: number,
  others: string[],
  mods: ModifierSet,
  registry: FieldRegistry,
): MatchNode {
  const otherSlots = others.map((o) => registry.slot(o));
  const cased = mods.cased;
  const rel: (a: string, b: string) => boolean =
    mods.match === "contains"
      ? (a, b) => a.includes(b)
      : mods.match === "startswith"
        ? (a, b) => a.startsWith(b)
        : mods.match === "endswith"
          ? (a, b) => a.endsWith(b)
          : (a, b) => a === b;
  const one = (ctx: EventContext, other: number): boolean => {
    const a = cased ? ctx.str(slot) : ctx.lower(slot);
    const b = cased ? ctx.str(other) : ctx.lower(other);
    return a !== null && b !== null && rel(a, b);
  };
  const test = mods.all
    ? (ctx: EventContext) => otherSlots.every((o) => one(ctx, o))
    : (ctx: EventContext) => otherSlots.some((o) => one(ctx, o));
  return { test, need: UNCONSTRAINED, cost: 3, fields: others };
}

/** Every scalar value of the event in its original case. */
function rawValues(ctx: EventContext): string[] {
  const out: string[] = [];
  for (const k in ctx.fields) {
    const v = ctx.fields[k];
    for (const e of Array.isArray(v) ? v : [v]) {
      const s = scalarString(e);
      if (s !== null) out.push(s);
    }
  }
  return out;
}

/** A keyword list: each value is searched (as `*value*`) in every value of the event. */
export function compileKeywords(
  values: unknown[],
  mods: ModifierSet,
  key: string,
  cx: FieldCompileContext,
): MatchNode {
  if (mods.exists || mods.fieldref || mods.cidr || mods.compare || mods.neq || mods.timePart) {
    throw new Error(`modifiers of '${key}' need a field name`);
  }
  const strs = asStrings(
    values.filter((v) => v !== null),
    key || "keywords",
  );
  let preds: Pred[];
  let perValue: Need[];
  if (mods.re) {
    preds = strs.map((r) => compileRegex(r, mods.reFlags));
    perValue = strs.map((r) => {
      const n = regexNeedles(r);
      return n === null
        ? UNCONSTRAINED
        : anyAtom(n.map((needle): Atom => ({ slot: KEYWORD_SLOT, kind: "sub", needle })));
    });
  } else {
    const groups = strs.map((v) =>
      valuePatterns(v, mods, cx).map((p) => {
        const q = p.slice();
        if (q[0] !== STAR) q.unshift(STAR);
        if (q[q.length - 1] !== STAR) q.push(STAR);
        return q;
      }),
    );
    if (groups.length === 0 || (mods.all && groups.some((g) => g.length === 0))) {
      return { test: () => false, need: IMPOSSIBLE, cost: 0, fields: [] };
    }
    preds = mods.all
      ? groups.map((g) => anyOf(stringPreds(g, mods.cased)))
      : stringPreds(groups.flat(), mods.cased);
    perValue = groups.map((g) => anyAtom(g.map((p) => patternAtom(KEYWORD_SLOT, p, mods.cased))));
  }
  if (preds.length === 0) return { test: () => false, need: IMPOSSIBLE, cost: 0, fields: [] };
  const need = mods.all
    ? needAll(perValue)
    : perValue.some((n) => n.length === 0)
      ? UNCONSTRAINED
      : [perValue.flatMap((n) => n[0] as Atom[])];
  const lowered = !mods.re && !mods.cased;
  const valuesOf = (ctx: EventContext): string[] =>
    lowered ? ctx.keywordValues() : rawValues(ctx);
  const any = anyOf(preds);
  const test = mods.all
    ? (ctx: EventContext) => {
        const vs = valuesOf(ctx);
        return preds.every((p) => vs.some(p));
      }
    : (ctx: EventContext) => valuesOf(ctx).some(any);
  return { test, need, cost: 30 + preds.length, fields: [] };
}
