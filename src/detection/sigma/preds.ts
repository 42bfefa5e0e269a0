/** Value predicates shared by the field and keyword compilers. */
import { compilePattern, mapLiterals, type Pattern, STAR } from "./wildcard.js";

/** A predicate over one string value. */
export type Pred = (s: string) => boolean;

/** OR of predicates. */
export function anyOf(preds: Pred[]): Pred {
  if (preds.length === 1) return preds[0] as Pred;
  return (s) => {
    for (let i = 0; i < preds.length; i++) if ((preds[i] as Pred)(s)) return true;
    return false;
  };
}

/** The literal of a `*lit`, `lit*` or `*lit*` pattern, by shape. */
type Affix = "suffix" | "prefix" | "sub";

function affixOf(p: Pattern): { kind: Affix; text: string } | null {
  const [a, b, c] = p;
  if (p.length === 2 && a === STAR && typeof b === "string") return { kind: "suffix", text: b };
  if (p.length === 2 && typeof a === "string" && b === STAR) return { kind: "prefix", text: a };
  if (p.length === 3 && a === STAR && typeof b === "string" && c === STAR)
    return { kind: "sub", text: b };
  return null;
}

/**
 * One predicate for a list of literals of one shape. Rules list dozens of `endswith` image names
 * or `contains` fragments: one loop over a string array touches far less memory per event than
 * one closure per value (each with its own context), which is what an event matching many rules
 * pays for.
 */
function affixPred(kind: Affix, texts: string[]): Pred {
  switch (kind) {
    case "suffix":
      return (s) => {
        for (let i = 0; i < texts.length; i++) if (s.endsWith(texts[i] as string)) return true;
        return false;
      };
    case "prefix":
      return (s) => {
        for (let i = 0; i < texts.length; i++) if (s.startsWith(texts[i] as string)) return true;
        return false;
      };
    case "sub":
      return (s) => {
        for (let i = 0; i < texts.length; i++) if (s.includes(texts[i] as string)) return true;
        return false;
      };
  }
}

/**
 * Predicates for patterns, one of which must match: exact values share one Set lookup, plain
 * prefixes, suffixes and substrings one loop per shape, other wildcards one matcher each.
 */
export function stringPreds(patterns: Pattern[], cased: boolean): Pred[] {
  const lowered = cased ? patterns : patterns.map((p) => mapLiterals(p, (s) => s.toLowerCase()));
  const exact: string[] = [];
  const preds: Pred[] = [];
  const affixes: Record<Affix, string[]> = { suffix: [], prefix: [], sub: [] };
  for (const p of lowered) {
    const affix = affixOf(p);
    if (p.length === 1 && typeof p[0] === "string") exact.push(p[0]);
    else if (p.length === 0) exact.push("");
    else if (affix !== null) affixes[affix.kind].push(affix.text);
    else preds.push(compilePattern(p));
  }
  for (const kind of ["suffix", "prefix", "sub"] as const) {
    if (affixes[kind].length > 0) preds.push(affixPred(kind, affixes[kind]));
  }
  if (exact.length > 3) {
    const set = new Set(exact);
    preds.unshift((s) => set.has(s));
  } else {
    for (const e of exact) preds.unshift((s) => s === e);
  }
  return preds;
}

/** Values of a detection entry as strings (objects and nested lists are rejected). */
export function asStrings(values: unknown[], key: string): string[] {
  return values.map((v) => {
    if (v === null || typeof v === "object") throw new Error(`'${key}' needs plain values`);
    return String(v);
  });
}
