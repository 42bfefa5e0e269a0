/**
 * Compiles one `Field|modifiers: values` entry into a MatchNode: a closure over precomputed
 * lowercase needles (or regexes, networks, numbers), plus the prefilter groups a match implies.
 */
import { anyAtom, IMPOSSIBLE, needAll, patternAtom, UNCONSTRAINED } from "./atoms.js";
import { inCidr, parseCidr, parseIp } from "./cidr.js";
import { type EventContext, type FieldRegistry, scalarString } from "./context.js";
import { compileFieldref, compileKeywords } from "./field-special.js";
import {
  type ExpandContext,
  type ModifierSet,
  parseModifiers,
  valuePatterns,
} from "./modifiers.js";
import { anyOf, asStrings, type Pred, stringPreds } from "./preds.js";
import { compileRegex, regexNeedles } from "./regex.js";
import type { Atom, MatchNode, Need } from "./types.js";

export type { Pred } from "./preds.js";

/** Inputs shared by every field compilation of a rule set. */
export interface FieldCompileContext extends ExpandContext {
  registry: FieldRegistry;
}

function toNumber(v: unknown): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

/** Evaluates predicates against a scalar-or-array field value, honouring `all`. */
function fieldTest(slot: number, preds: Pred[], all: boolean, cased: boolean): MatchNode["test"] {
  const n = preds.length;
  const anyValue = anyOf(preds);
  const scalar: Pred = !all
    ? anyValue
    : (s) => {
        for (let i = 0; i < n; i++) if (!(preds[i] as Pred)(s)) return false;
        return true;
      };
  const arrayTest = (arr: unknown[]): boolean => {
    const strs: string[] = [];
    for (const e of arr) {
      const s = scalarString(e);
      if (s !== null) strs.push(cased ? s : s.toLowerCase());
    }
    if (!all) return strs.some(anyValue);
    return preds.every((p) => strs.some(p));
  };
  if (cased) {
    return (ctx) => {
      const v = ctx.str(slot);
      if (v !== null) return scalar(v);
      const raw = ctx.get(slot);
      return Array.isArray(raw) ? arrayTest(raw) : false;
    };
  }
  return (ctx) => {
    const v = ctx.lower(slot);
    if (v !== null) return scalar(v);
    const raw = ctx.get(slot);
    return Array.isArray(raw) ? arrayTest(raw) : false;
  };
}

const TIME_PARTS: Record<string, (d: Date) => number> = {
  minute: (d) => d.getUTCMinutes(),
  hour: (d) => d.getUTCHours(),
  day: (d) => d.getUTCDate(),
  month: (d) => d.getUTCMonth() + 1,
  year: (d) => d.getUTCFullYear(),
  week: (d) => {
    const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    const day = t.getUTCDay() || 7;
    t.setUTCDate(t.getUTCDate() + 4 - day);
    const y0 = Date.UTC(t.getUTCFullYear(), 0, 1);
    return Math.ceil(((t.getTime() - y0) / 86400000 + 1) / 7);
  },
};

function compareNum(op: ModifierSet["compare"], limit: number): (n: number) => boolean {
  switch (op) {
    case "lt":
      return (n) => n < limit;
    case "lte":
      return (n) => n <= limit;
    case "gt":
      return (n) => n > limit;
    case "gte":
      return (n) => n >= limit;
    default:
      return (n) => n === limit;
  }
}

/** Parses a date the way events write them (ISO 8601; a space instead of `T` means UTC). */
export function parseEventDate(v: unknown): Date | null {
  if (typeof v === "number") return new Date(v > 1e11 ? v : v * 1000);
  if (typeof v !== "string") return null;
  let s = v.trim();
  if (/^\d{4}-\d\d-\d\d \d/.test(s)) s = s.replace(" ", "T");
  if (/^\d{4}-\d\d-\d\dT[\d:.]+$/.test(s)) s += "Z";
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t);
}

/**
 * Compiles one detection entry. `key` is `Field|mods` (or `|mods` / "" for keywords) and
 * `value` is the YAML value (scalar, null or list).
 */
export function compileField(key: string, value: unknown, cx: FieldCompileContext): MatchNode {
  const mods = parseModifiers(key);
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) throw new Error(`'${key}' has an empty value list`);
  if (mods.field === null) return compileKeywords(values, mods, key, cx);
  const field = mods.field;
  const slot = cx.registry.slot(field);
  const fields = [field];

  if (mods.exists) {
    if (values.length !== 1) throw new Error(`'${key}' needs one boolean`);
    const text = String(values[0]).toLowerCase();
    if (text !== "true" && text !== "false") throw new Error(`'${key}' needs true or false`);
    const want = text === "true";
    return {
      test: (ctx) => (ctx.get(slot) !== undefined) === want,
      need: UNCONSTRAINED,
      cost: 1,
      fields,
    };
  }

  const hasNull = values.some((v) => v === null);
  const rest = values.filter((v) => v !== null);
  const nullTest = (ctx: EventContext) => ctx.get(slot) == null;
  if (rest.length === 0) return { test: nullTest, need: UNCONSTRAINED, cost: 1, fields };
  const node = compileValues(key, slot, rest, mods, cx);
  node.fields = fields;
  if (!hasNull) return node;
  const inner = node.test;
  return {
    test: (ctx) => nullTest(ctx) || inner(ctx),
    need: UNCONSTRAINED,
    cost: node.cost + 1,
    fields,
  };
}

function regexNeed(slot: number, patterns: string[], all: boolean): Need {
  const perValue = patterns.map((r) => {
    const needles = regexNeedles(r);
    return needles === null
      ? UNCONSTRAINED
      : anyAtom(needles.map((needle): Atom => ({ slot, kind: "sub", needle })));
  });
  if (all) return needAll(perValue);
  return perValue.some((n) => n.length === 0)
    ? UNCONSTRAINED
    : [perValue.flatMap((n) => n[0] as Atom[])];
}

function compileValues(
  key: string,
  slot: number,
  values: unknown[],
  mods: ModifierSet,
  cx: FieldCompileContext,
): MatchNode {
  const all = mods.all;
  let node: MatchNode;
  if (mods.fieldref) node = compileFieldref(slot, asStrings(values, key), mods, cx.registry);
  else if (mods.re) {
    const strs = asStrings(values, key);
    const preds = strs.map((r) => compileRegex(r, mods.reFlags));
    node = {
      test: fieldTest(slot, preds, all, true),
      need: regexNeed(slot, strs, all),
      cost: 20 * preds.length,
      fields: [],
    };
  } else if (mods.cidr) {
    const nets = asStrings(values, key).map(parseCidr);
    const pred: Pred = (s) => {
      const ip = parseIp(s);
      if (ip === null) return false;
      return all ? nets.every((n) => inCidr(ip, n)) : nets.some((n) => inCidr(ip, n));
    };
    node = { test: fieldTest(slot, [pred], false, true), need: UNCONSTRAINED, cost: 8, fields: [] };
  } else if (mods.timePart !== null || mods.compare !== null) {
    const part = mods.timePart === null ? null : (TIME_PARTS[mods.timePart] as (d: Date) => number);
    const preds = values.map((v): Pred => {
      const n = toNumber(v);
      if (n === null) throw new Error(`'${key}' needs numbers`);
      const cmp = compareNum(mods.compare, n);
      if (part === null) {
        return (s) => {
          const x = toNumber(s);
          return x !== null && cmp(x);
        };
      }
      return (s) => {
        const d = parseEventDate(s);
        return d !== null && cmp(part(d));
      };
    });
    node = { test: fieldTest(slot, preds, all, true), need: UNCONSTRAINED, cost: 3, fields: [] };
  } else {
    const groups = asStrings(values, key).map((v) => valuePatterns(v, mods, cx));
    const patterns = groups.flat();
    if (patterns.length === 0 || (all && groups.some((g) => g.length === 0))) {
      // The values came from placeholders that have no value: the entry matches nothing.
      return { test: () => false, need: IMPOSSIBLE, cost: 0, fields: [] };
    }
    const preds = all
      ? groups.map((g) => anyOf(stringPreds(g, mods.cased)))
      : stringPreds(patterns, mods.cased);
    const perValue = groups.map((g) => anyAtom(g.map((p) => patternAtom(slot, p, mods.cased))));
    const need = all
      ? needAll(perValue)
      : perValue.some((n) => n.length === 0)
        ? UNCONSTRAINED
        : [perValue.flatMap((n) => n[0] as Atom[])];
    const unit = mods.match === "eq" ? 1 : mods.match === "contains" ? 3 : 2;
    const cost = unit * Math.min(patterns.length, 20) * (all ? 1 : 0.5) + 1;
    node = { test: fieldTest(slot, preds, all, mods.cased), need, cost, fields: [] };
  }
  if (!mods.neq) return node;
  // neq: the field exists and differs from every value.
  const eq = node.test;
  return {
    test: (ctx) => ctx.get(slot) != null && !eq(ctx),
    need: UNCONSTRAINED,
    cost: node.cost + 1,
    fields: [],
  };
}
