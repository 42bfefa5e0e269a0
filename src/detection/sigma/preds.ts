/** Value predicates shared by the field and keyword compilers. */
import { compilePattern, mapLiterals, type Pattern } from "./wildcard.js";

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

/** Predicates for patterns (exact values share one Set lookup). */
export function stringPreds(patterns: Pattern[], cased: boolean): Pred[] {
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

/** Values of a detection entry as strings (objects and nested lists are rejected). */
export function asStrings(values: unknown[], key: string): string[] {
  return values.map((v) => {
    if (v === null || typeof v === "object") throw new Error(`'${key}' needs plain values`);
    return String(v);
  });
}
