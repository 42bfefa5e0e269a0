/**
 * Compiles one `Field|modifiers: values` entry (or a keyword list) into a MatchNode: a closure
 * over precomputed lowercase needles, plus the prefilter atoms that any match implies.
 */
import { inCidr, parseCidr, parseIp } from "./cidr.js";
import { type EventContext, type FieldRegistry, scalarString } from "./context.js";
import {
  type ExpandContext,
  type ModifierSet,
  parseModifiers,
  valuePatterns,
} from "./modifiers.js";
import { compileRegex, needleScore, regexNeedles } from "./regex.js";
import type { Atom, MatchNode } from "./types.js";
import { compilePattern, mapLiterals, type Pattern, requiredFragments, STAR } from "./wildcard.js";

/** Inputs shared by every field compilation of a rule set. */
export interface FieldCompileContext extends ExpandContext {
  registry: FieldRegistry;
}

type Pred = (s: string) => boolean;

function toNumber(v: unknown): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

function patternAtoms(slot: number, p: Pattern, cased: boolean): Atom[] | null {
  const frags = requiredFragments(p).map((f) => f.toLowerCase());
  if (frags.length === 0) return null;
  const best = frags.reduce((a, b) => (b.length > a.length ? b : a));
  if (cased && !isAscii(best)) return null;
  const exact = p.length === 1 && typeof p[0] === "string";
  return [{ slot, kind: exact ? "eq" : "sub", needle: best }];
}

/** Combines per-value atoms: OR over values, or the most selective value under `all`. */
function combineAtoms(perValue: (Atom[] | null)[], all: boolean): Atom[] | null {
  if (perValue.length === 0) return null;
  if (all) {
    let best: Atom[] | null = null;
    for (const a of perValue) {
      if (a && (best === null || atomScore(a) < atomScore(best))) best = a;
    }
    return best;
  }
  const out: Atom[] = [];
  for (const a of perValue) {
    if (a === null) return null;
    out.push(...a);
  }
  return out;
}

/** Estimated probability that one of the atoms hits; lower is more selective. */
export function atomScore(atoms: Atom[]): number {
  let p = 0;
  for (const a of atoms) p += a.kind === "eq" ? 0.02 : needleScore([a.needle]);
  return p;
}

/** Evaluates predicates against a scalar-or-array field value, honouring `all`. */
function fieldTest(slot: number, preds: Pred[], all: boolean, cased: boolean): MatchNode["test"] {
  const n = preds.length;
  const one = preds[0] as Pred;
  const anyValue: Pred =
    n === 1
      ? one
      : (s) => {
          for (let i = 0; i < n; i++) if ((preds[i] as Pred)(s)) return true;
          return false;
        };
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
  return (ctx) => {
    const v = cased ? ctx.str(slot) : ctx.lower(slot);
    if (v !== null) return scalar(v);
    const raw = ctx.get(slot);
    return Array.isArray(raw) ? arrayTest(raw) : false;
  };
}

function anyOf(preds: Pred[]): Pred {
  if (preds.length === 1) return preds[0] as Pred;
  return (s) => {
    for (const p of preds) if (p(s)) return true;
    return false;
  };
}

function stringPreds(patterns: Pattern[], cased: boolean): Pred[] {
  const lowered = cased ? patterns : patterns.map((p) => mapLiterals(p, (s) => s.toLowerCase()));
  const exact: string[] = [];
  const preds: Pred[] = [];
  for (const p of lowered) {
    if (p.length === 1 && typeof p[0] === "string") exact.push(p[0]);
    else if (p.length === 0) exact.push("");
    else preds.push(compilePattern(p));
  }
  if (exact.length > 3) {
    const set = new Set(exact);
    preds.unshift((s) => set.has(s));
  } else {
    for (const e of exact) preds.unshift((s) => s === e);
  }
  return preds;
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

function asStrings(values: unknown[], key: string): string[] {
  return values.map((v) => {
    if (v === null || typeof v === "object") throw new Error(`'${key}' needs plain values`);
    return String(v);
  });
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
    const want = values[0] === true || String(values[0]).toLowerCase() === "true";
    if (!want && !(values[0] === false || String(values[0]).toLowerCase() === "false")) {
      throw new Error(`'${key}' needs true or false`);
    }
    return { test: (ctx) => (ctx.get(slot) !== undefined) === want, atoms: null, cost: 1, fields };
  }

  const hasNull = values.some((v) => v === null);
  const rest = values.filter((v) => v !== null);
  const nullTest = (ctx: EventContext) => ctx.get(slot) == null;
  if (rest.length === 0) return { test: nullTest, atoms: null, cost: 1, fields };
  const node = compileValues(key, slot, rest, mods, cx);
  node.fields = fields;
  if (!hasNull) return node;
  const inner = node.test;
  return { test: (ctx) => nullTest(ctx) || inner(ctx), atoms: null, cost: node.cost + 1, fields };
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
  if (mods.fieldref) node = compileFieldref(slot, asStrings(values, key), mods, cx);
  else if (mods.re) {
    const strs = asStrings(values, key);
    const preds = strs.map((r) => compileRegex(r, mods.reFlags));
    const atoms = combineAtoms(
      strs.map(
        (r) => regexNeedles(r)?.map((needle): Atom => ({ slot, kind: "sub", needle })) ?? null,
      ),
      all,
    );
    node = { test: fieldTest(slot, preds, all, true), atoms, cost: 40 * preds.length, fields: [] };
  } else if (mods.cidr) {
    const nets = asStrings(values, key).map(parseCidr);
    const pred: Pred = (s) => {
      const ip = parseIp(s);
      if (ip === null) return false;
      return all ? nets.every((n) => inCidr(ip, n)) : nets.some((n) => inCidr(ip, n));
    };
    node = { test: fieldTest(slot, [pred], false, true), atoms: null, cost: 8, fields: [] };
  } else if (mods.timePart !== null) {
    const part = TIME_PARTS[mods.timePart] as (d: Date) => number;
    const preds = values.map((v) => {
      const n = toNumber(v);
      if (n === null) throw new Error(`'${key}' needs numbers`);
      const cmp = compareNum(mods.compare, n);
      return (s: string) => {
        const d = parseEventDate(s);
        return d !== null && cmp(part(d));
      };
    });
    node = { test: fieldTest(slot, preds, all, true), atoms: null, cost: 6, fields: [] };
  } else if (mods.compare !== null) {
    const preds = values.map((v) => {
      const n = toNumber(v);
      if (n === null) throw new Error(`'${key}' needs numbers`);
      const cmp = compareNum(mods.compare, n);
      return (s: string) => {
        const x = toNumber(s);
        return x !== null && cmp(x);
      };
    });
    node = { test: fieldTest(slot, preds, all, true), atoms: null, cost: 2, fields: [] };
  } else {
    const groups = asStrings(values, key).map((v) => valuePatterns(v, mods, cx));
    const patterns = groups.flat();
    if (patterns.length === 0 || (all && groups.some((g) => g.length === 0))) {
      // The values came from placeholders that have no value: the entry matches nothing.
      return { test: () => false, atoms: [], cost: 0, fields: [] };
    }
    const preds = all
      ? groups.map((g) => anyOf(stringPreds(g, mods.cased)))
      : stringPreds(patterns, mods.cased);
    const perValue = groups.map((g) =>
      combineAtoms(
        g.map((p) => patternAtoms(slot, p, mods.cased)),
        false,
      ),
    );
    const atoms = combineAtoms(perValue, all);
    const unit = mods.match === "eq" ? 1 : mods.match === "contains" ? 3 : 2;
    const cost = unit * Math.min(patterns.length, 20) * (all ? 1 : 0.5) + 1;
    node = { test: fieldTest(slot, preds, all, mods.cased), atoms, cost, fields: [] };
  }
  if (!mods.neq) return node;
  // neq: the field exists and differs from every value.
  const eq = node.test;
  return {
    test: (ctx) => ctx.get(slot) != null && !eq(ctx),
    atoms: null,
    cost: node.cost + 1,
    fields: [],
  };
}

function compileFieldref(
  slot: number,
  others: string[],
  mods: ModifierSet,
  cx: FieldCompileContext,
): MatchNode {
  const otherSlots = others.map((o) => cx.registry.slot(o));
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
  return { test, atoms: null, cost: 3, fields: [] };
}

function compileKeywords(
  values: unknown[],
  mods: ModifierSet,
  key: string,
  cx: FieldCompileContext,
): MatchNode {
  if (mods.exists || mods.fieldref || mods.cidr || mods.compare || mods.neq) {
    throw new Error(`modifiers of '${key}' need a field name`);
  }
  const strs = asStrings(
    values.filter((v) => v !== null),
    key || "keywords",
  );
  let preds: Pred[];
  if (mods.re) preds = strs.map((r) => compileRegex(r, mods.reFlags));
  else {
    const groups = strs.map((v) =>
      valuePatterns(v, mods, cx).map((p) => {
        const q = p.slice();
        if (q[0] !== STAR) q.unshift(STAR);
        if (q[q.length - 1] !== STAR) q.push(STAR);
        return q;
      }),
    );
    if (mods.all && groups.some((g) => g.length === 0)) {
      return { test: () => false, atoms: [], cost: 0, fields: [] };
    }
    preds = mods.all
      ? groups.map((g) => anyOf(stringPreds(g, mods.cased)))
      : stringPreds(groups.flat(), mods.cased);
  }
  if (preds.length === 0) return { test: () => false, atoms: [], cost: 0, fields: [] };
  const lowered = !mods.re && !mods.cased;
  const values_ = (ctx: EventContext): string[] =>
    lowered
      ? ctx.keywordValues()
      : Object.values(ctx.fields).flatMap((v) => {
          const arr = Array.isArray(v) ? v : [v];
          return arr.map(scalarString).filter((s): s is string => s !== null);
        });
  const test = mods.all
    ? (ctx: EventContext) => {
        const vs = values_(ctx);
        return preds.every((p) => vs.some(p));
      }
    : (ctx: EventContext) => {
        const vs = values_(ctx);
        return vs.some((s) => preds.some((p) => p(s)));
      };
  return { test, atoms: null, cost: 30 + preds.length, fields: [] };
}
