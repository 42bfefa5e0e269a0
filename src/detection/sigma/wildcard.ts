/**
 * Sigma string values: escapes, the `*` and `?` wildcards, and the matchers built from them.
 *
 * Wildcard patterns are matched without regular expressions: a pattern is split into literal
 * segments at `*`, each segment may contain `?` (any one character). Greedy leftmost placement
 * of each middle segment is correct for this glob dialect and runs in O(n·m), so hostile values
 * can never make it backtrack.
 */

/** The `*` wildcard (any run of characters, possibly empty). */
export const STAR = 0;
/** The `?` wildcard (exactly one character). */
export const ONE = 1;

/** A parsed Sigma string: literal chunks and wildcard markers. */
export type Pattern = Array<string | typeof STAR | typeof ONE>;

/**
 * Parses a Sigma string value with pySigma's escape rules: `\*`, `\?` and `\\` produce the plain
 * character; a backslash before anything else is kept as a plain backslash.
 */
export function parsePattern(raw: string): Pattern {
  const out: Pattern = [];
  let acc = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === "\\") {
      const next = raw[i + 1];
      if (next === "*" || next === "?" || next === "\\") {
        acc += next;
        i++;
      } else {
        acc += c;
      }
    } else if (c === "*" || c === "?") {
      if (acc) out.push(acc);
      acc = "";
      if (c === "?") out.push(ONE);
      else if (out[out.length - 1] !== STAR) out.push(STAR);
    } else {
      acc += c;
    }
  }
  if (acc) out.push(acc);
  return out;
}

/** A pattern holding only plain text (no wildcards). */
export function literalPattern(text: string): Pattern {
  return text ? [text] : [];
}

/** True when the pattern contains a wildcard. */
export function hasWildcard(p: Pattern): boolean {
  return p.some((x) => typeof x !== "string");
}

/** The plain text of a wildcard-free pattern. */
export function patternText(p: Pattern): string {
  return p.join("");
}

/** Wraps the pattern in `*` on the requested sides (contains / startswith / endswith). */
export function anchorPattern(p: Pattern, star_before: boolean, star_after: boolean): Pattern {
  const out = p.slice();
  if (star_before && out[0] !== STAR) out.unshift(STAR);
  if (star_after && out[out.length - 1] !== STAR) out.push(STAR);
  return out;
}

/** Maps every literal chunk (used to lowercase a pattern once, at compile time). */
export function mapLiterals(p: Pattern, fn: (s: string) => string): Pattern {
  return p.map((x) => (typeof x === "string" ? fn(x) : x));
}

/**
 * The literal fragments that every matching value must contain (split at wildcards).
 * Used by the prefilter index.
 */
export function requiredFragments(p: Pattern): string[] {
  return p.filter((x): x is string => typeof x === "string" && x.length > 0);
}

/** A segment between `*` wildcards: literal text where `\u0000`-free `?` positions are marked. */
interface Segment {
  text: string;
  /** Positions holding `?`; null when the segment is plain text. */
  any: boolean[] | null;
}

function toSegments(p: Pattern): { segs: Segment[]; head: boolean; tail: boolean } {
  const segs: Segment[] = [];
  let text = "";
  let any: boolean[] = [];
  let hasAny = false;
  const flush = () => {
    segs.push({ text, any: hasAny ? any : null });
    text = "";
    any = [];
    hasAny = false;
  };
  for (const x of p) {
    if (x === STAR) flush();
    else if (x === ONE) {
      text += "?";
      any.push(true);
      hasAny = true;
    } else {
      text += x;
      for (let i = 0; i < x.length; i++) any.push(false);
    }
  }
  flush();
  // A pattern `a*b` gives segments [a, b]; `*a` gives ["", a]; head/tail say whether the first
  // and last segments are anchored.
  return { segs, head: p[0] !== STAR, tail: p[p.length - 1] !== STAR };
}

function segAt(s: string, pos: number, seg: Segment): boolean {
  if (pos < 0 || pos + seg.text.length > s.length) return false;
  if (seg.any === null) return s.startsWith(seg.text, pos);
  for (let i = 0; i < seg.text.length; i++) {
    if (!seg.any[i] && s.charCodeAt(pos + i) !== seg.text.charCodeAt(i)) return false;
  }
  return true;
}

function segFind(s: string, from: number, seg: Segment): number {
  if (seg.any === null) return s.indexOf(seg.text, from);
  const last = s.length - seg.text.length;
  for (let p = from; p <= last; p++) if (segAt(s, p, seg)) return p;
  return -1;
}

/**
 * Builds a predicate for a pattern. Literal chunks must already be in the case the caller
 * compares in (lowercase for case-insensitive matching). Common shapes get a single
 * `===`/`includes`/`startsWith`/`endsWith` call.
 */
export function compilePattern(p: Pattern): (s: string) => boolean {
  const len = p.length;
  if (len === 0) return (s) => s === "";
  if (len === 1) {
    const a = p[0];
    if (typeof a === "string") return (s) => s === a;
    if (a === STAR) return () => true;
  }
  if (len === 2) {
    const [a, b] = p;
    if (a === STAR && typeof b === "string") return (s) => s.endsWith(b);
    if (typeof a === "string" && b === STAR) return (s) => s.startsWith(a);
  }
  if (len === 3) {
    const [a, b, c] = p;
    if (a === STAR && c === STAR && typeof b === "string") return (s) => s.includes(b);
  }
  const { segs, head, tail } = toSegments(p);
  if (segs.length === 1) {
    // No `*` at all: only `?` wildcards, so the length is fixed.
    const seg = segs[0] as Segment;
    return (s) => s.length === seg.text.length && segAt(s, 0, seg);
  }
  const first = segs[0] as Segment;
  const lastSeg = segs[segs.length - 1] as Segment;
  const middle = segs.slice(1, -1);
  const minLen = segs.reduce((n, x) => n + x.text.length, 0);
  return (s) => {
    if (s.length < minLen) return false;
    let pos = 0;
    if (head) {
      if (!segAt(s, 0, first)) return false;
      pos = first.text.length;
    }
    const end = tail ? s.length - lastSeg.text.length : s.length;
    if (tail && (end < pos || !segAt(s, end, lastSeg))) return false;
    for (const seg of middle) {
      if (seg.text.length === 0) continue;
      const at = segFind(s, pos, seg);
      if (at < 0 || at + seg.text.length > end) return false;
      pos = at + seg.text.length;
    }
    return true;
  };
}
