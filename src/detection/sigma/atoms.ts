/**
 * Necessary conditions for the prefilter, in conjunctive normal form: a rule can only match an
 * event when, for every group of its `need`, at least one atom of the group occurs in the event.
 * Deriving more than one group per rule (one per AND operand) is what keeps rules such as
 * `Company: Microsoft Corporation` + `Image|endswith: \csi.exe` from being evaluated for every
 * Microsoft binary.
 */
import { needleScore } from "./regex.js";
import type { Atom, Need } from "./types.js";
import { type Pattern, requiredFragments } from "./wildcard.js";

/** Pseudo-slot of keyword atoms: the needle may occur in any value of the event. */
export const KEYWORD_SLOT = -1;

/** No known necessary condition. */
export const UNCONSTRAINED: Need = [];

/** A condition that can never hold (one group without atoms). */
export const IMPOSSIBLE: Need = [[]];

/** Groups kept per rule: the most selective ones. */
const MAX_GROUPS = 3;

/** Estimated probability that an atom hits an event; lower is more selective. */
function atomScore(a: Atom): number {
  if (a.kind === "eq") return Math.max(0.005, 0.2 * 0.8 ** a.needle.length);
  if (a.kind === "prefix" || a.kind === "suffix") return needleScore([a.needle]) / 2;
  return needleScore([a.needle]);
}

/** Estimated probability that a group hits. */
export function groupScore(g: Atom[]): number {
  let p = 0;
  for (const a of g) p += atomScore(a);
  return p;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * The atom a pattern implies: the whole lowercased value for a plain value (`eq`); else a literal
 * start or end (`prefix` / `suffix`, found with one lookup instead of a scan) when it is long
 * enough to be selective; else the longest literal fragment (`sub`). Null when the pattern has
 * no literal text, or when a case-sensitive fragment is not ASCII (lowercasing would not preserve
 * containment).
 */
export function patternAtom(slot: number, p: Pattern, cased: boolean): Atom | null {
  const frags = requiredFragments(p).map((f) => f.toLowerCase());
  if (frags.length === 0) return null;
  const longest = frags.reduce((a, b) => (b.length > a.length ? b : a));
  const ok = (n: string) => !cased || isAscii(n);
  if (slot === KEYWORD_SLOT) return ok(longest) ? { slot, kind: "sub", needle: longest } : null;
  const first = p[0];
  const last = p[p.length - 1];
  if (p.length === 1 && typeof first === "string") {
    return ok(first) ? { slot, kind: "eq", needle: first.toLowerCase() } : null;
  }
  const want = Math.min(6, longest.length);
  if (typeof last === "string" && last.length >= 3 && last.length >= want && ok(last)) {
    return { slot, kind: "suffix", needle: last.toLowerCase() };
  }
  if (typeof first === "string" && first.length >= 3 && first.length >= want && ok(first)) {
    return { slot, kind: "prefix", needle: first.toLowerCase() };
  }
  return ok(longest) ? { slot, kind: "sub", needle: longest } : null;
}

/** A single OR group from alternative atoms; any unknown alternative makes it unconstrained. */
export function anyAtom(atoms: (Atom | null)[]): Need {
  if (atoms.some((a) => a === null)) return UNCONSTRAINED;
  return [atoms as Atom[]];
}

function prune(groups: Atom[][]): Need {
  if (groups.some((g) => g.length === 0)) return IMPOSSIBLE;
  if (groups.length <= MAX_GROUPS) return groups;
  return groups
    .map((g) => ({ g, s: groupScore(g) }))
    .sort((a, b) => a.s - b.s)
    .slice(0, MAX_GROUPS)
    .map((x) => x.g);
}

/** AND: every operand's groups are necessary. */
export function needAll(needs: Need[]): Need {
  return prune(needs.flat());
}

/** OR: one group made of each operand's most selective group. */
export function needAny(needs: Need[]): Need {
  const union: Atom[] = [];
  for (const n of needs) {
    if (n.length === 0) return UNCONSTRAINED;
    let best = n[0] as Atom[];
    for (const g of n) if (groupScore(g) < groupScore(best)) best = g;
    union.push(...best);
  }
  return [union];
}
