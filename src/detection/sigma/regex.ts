/**
 * Regular expressions of the `re` modifier.
 *
 * Safety decision: every rule regex runs on re2js, a pure-JS port of RE2 whose matching time is
 * linear in the input, so a hostile pattern such as `(a+)+$` cannot hang the engine on a long
 * field value. Native `RegExp` (a backtracking engine) is never used for rule-supplied patterns;
 * it is only used for patterns we generate ourselves with no quantifiers at all. The cost of
 * re2js (a few microseconds per test) is hidden by the prefilter: a regex is only evaluated
 * when the literal text it requires (extracted below) occurs in the field.
 */
import { RE2JS } from "re2js";

/** Compiles a rule regex with the Sigma sub-modifiers `i`, `m` and `s`. Throws on bad syntax. */
export function compileRegex(
  pattern: string,
  flags: { i?: boolean; m?: boolean; s?: boolean },
): (s: string) => boolean {
  let f = 0;
  if (flags.i) f |= RE2JS.CASE_INSENSITIVE;
  if (flags.m) f |= RE2JS.MULTILINE;
  if (flags.s) f |= RE2JS.DOTALL;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, f);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new Error(`unsupported regular expression '${pattern}': ${msg}`);
  }
  return (s) => re.test(s);
}

type Req = string[] | null;

const ESCAPED_LITERAL: Record<string, string> = { t: "\t", n: "\n", r: "\r", f: "\f", v: "\v" };

/** Score of a set of alternative needles: lower is more selective. */
export function needleScore(needles: string[]): number {
  let p = 0;
  for (const n of needles) p += 0.65 ** n.length;
  return p;
}

function better(a: Req, b: Req): Req {
  if (a === null || a.length === 0) return b;
  if (b === null || b.length === 0) return a;
  return needleScore(a) <= needleScore(b) ? a : b;
}

/**
 * A tiny regex reader that finds literal text any match must contain. Returns a list of
 * alternatives (a match contains at least one of them, compared lowercase) or null when it cannot
 * tell. Conservative: anything it does not understand ends the current literal run.
 */
class LiteralExtractor {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Req {
    const r = this.alternation();
    return this.i === this.src.length ? r : null;
  }

  private alternation(): Req {
    const branches: Req[] = [this.concat()];
    while (this.src[this.i] === "|") {
      this.i++;
      branches.push(this.concat());
    }
    if (branches.length === 1) return branches[0] as Req;
    const out: string[] = [];
    for (const b of branches) {
      if (b === null || b.length === 0) return null;
      out.push(...b);
    }
    return out;
  }

  /** Reads a quantifier if present: returns [min, hasMax>1]. */
  private quantifier(): { min: number; repeat: boolean } {
    const c = this.src[this.i];
    let q = { min: 1, repeat: false };
    if (c === "*") q = { min: 0, repeat: true };
    else if (c === "+") q = { min: 1, repeat: true };
    else if (c === "?") q = { min: 0, repeat: false };
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return q;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3]);
      this.i += m[0].length;
      if (this.src[this.i] === "?" || this.src[this.i] === "+") this.i++;
      return { min, repeat: max > 1 };
    } else return q;
    this.i++;
    if (this.src[this.i] === "?" || this.src[this.i] === "+") this.i++;
    return q;
  }

  private concat(): Req {
    let best: Req = null;
    let run = "";
    const close = () => {
      if (run) best = better(best, [run]);
      run = "";
    };
    while (this.i < this.src.length) {
      const c = this.src[this.i] as string;
      if (c === "|" || c === ")") break;
      let lit: string | null = null;
      let group: Req = null;
      let zeroWidth = false;
      if (c === "(") {
        this.i++;
        let lookaround = false;
        if (this.src[this.i] === "?") {
          const rest = this.src.slice(this.i);
          const flagOnly = /^\?[a-zA-Z-]+\)/.exec(rest);
          if (flagOnly) {
            this.i += flagOnly[0].length;
            continue;
          }
          const m = /^\?(:|[a-zA-Z-]+:|P?<[A-Za-z_]\w*>|=|!|<=|<!)/.exec(rest);
          if (!m) throw new Error("unknown group");
          lookaround = ["?=", "?!", "?<=", "?<!"].includes(m[0]);
          this.i += m[0].length;
        }
        group = this.alternation();
        if (this.src[this.i] !== ")") throw new Error("unbalanced");
        this.i++;
        if (lookaround) {
          group = null;
          zeroWidth = true;
        }
      } else if (c === "[") {
        this.skipClass();
      } else if (c === "\\") {
        const n = this.src[this.i + 1];
        if (n === undefined) throw new Error("trailing backslash");
        this.i += 2;
        if (/[a-zA-Z0-9]/.test(n)) {
          if (ESCAPED_LITERAL[n]) lit = ESCAPED_LITERAL[n] as string;
          else if (n === "b" || n === "B" || n === "A" || n === "z" || n === "Z") zeroWidth = true;
          else if (n === "x" || n === "p" || n === "P") {
            if (this.src[this.i] === "{") {
              const end = this.src.indexOf("}", this.i);
              if (end < 0) throw new Error("unterminated escape");
              this.i = end + 1;
            } else this.i += n === "x" ? 2 : 1;
          } else if (n === "u") this.i += 4;
        } else lit = n;
      } else if (c === "^" || c === "$") {
        this.i++;
        zeroWidth = true;
      } else {
        this.i++;
        if (c !== ".") lit = c;
      }
      if (zeroWidth) {
        close();
        continue;
      }
      const q = this.quantifier();
      if (lit !== null && q.min >= 1 && !q.repeat) {
        run += lit;
        continue;
      }
      if (lit !== null && q.min >= 1) {
        run += lit;
        close();
        continue;
      }
      close();
      if (group !== null && q.min >= 1) best = better(best, group);
    }
    close();
    return best;
  }

  private skipClass(): void {
    this.i++;
    if (this.src[this.i] === "^") this.i++;
    if (this.src[this.i] === "]") this.i++;
    while (this.i < this.src.length && this.src[this.i] !== "]") {
      if (this.src[this.i] === "\\") this.i++;
      else if (this.src.startsWith("[:", this.i)) {
        const end = this.src.indexOf(":]", this.i + 2);
        if (end > 0) this.i = end + 1;
      }
      this.i++;
    }
    if (this.src[this.i] !== "]") throw new Error("unterminated class");
    this.i++;
  }
}

/**
 * Lowercased literal alternatives that any match of the regex must contain, or null. Only ASCII
 * needles are returned, so lowercasing the needle and the haystack keeps the implication true even
 * for case-sensitive patterns.
 */
export function regexNeedles(pattern: string): string[] | null {
  let req: Req;
  try {
    req = new LiteralExtractor(pattern).parse();
  } catch {
    return null;
  }
  if (req === null || req.length === 0) return null;
  const out: string[] = [];
  for (const n of req) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range check
    if (n.length === 0 || !/^[\x00-\x7f]*$/.test(n)) return null;
    out.push(n.toLowerCase());
  }
  return out;
}
