/**
 * Regular expressions of the `re` modifier.
 *
 * Safety decision: rule regexes run on re2js, a pure-JS port of RE2 whose matching time is
 * linear in the input, so a hostile pattern such as `(a+)+$` cannot hang the engine on a long
 * field value. A native `RegExp` (V8's backtracking engine, several times faster) is used only
 * when the pattern is provably safe: no unbounded quantifier (`*`, `+`, `{n,}`), no quantified
 * group that can repeat more than a bounded number of times, and at most 512 paths to try from any
 * start position (the product of quantifier ranges and alternation widths, computed on the
 * parsed pattern). Such a pattern
 * cannot backtrack more than a constant per position, so it is linear too. Syntax that JavaScript
 * lacks or reads differently (inline flags, `\A`, `\z`, `\p{}`, POSIX classes, possessive
 * quantifiers…) always goes to re2js; `\s` and `.` are rewritten to RE2's ASCII meaning.
 *
 * Before either engine runs, two cheap checks skip most work: a value shorter than the pattern's
 * minimum match length cannot match, and the prefilter only selects the rule when the literal
 * text any match must contain occurs in the field.
 */
import { RE2JS } from "re2js";
import { backtrackBound, minLength, parseRegex, type RNode, toSource } from "./regex-ast.js";
import { anchorPattern, compilePattern, mapLiterals, ONE, type Pattern, STAR } from "./wildcard.js";

/** Paths per start position above which a native RegExp is not used. */
const NATIVE_BOUND = 512;

/** Sub-modifiers of `re`. */
export interface RegexFlags {
  i?: boolean;
  m?: boolean;
  s?: boolean;
}

/** How a regex was compiled (exposed for tests and documentation). */
export interface CompiledRegex {
  test: (s: string) => boolean;
  engine: "native" | "re2" | "glob";
  minLength: number;
}

/** Compiles a rule regex with the Sigma sub-modifiers `i`, `m` and `s`. Throws on bad syntax. */
export function compileRegexInfo(pattern: string, flags: RegexFlags): CompiledRegex {
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
  let root: RNode | null = null;
  let js = false;
  try {
    const parsed = parseRegex(pattern);
    root = parsed.root;
    js = parsed.jsCompatible;
  } catch {
    root = null;
  }
  const min = root === null ? 0 : minLength(root);
  if (root !== null && js && backtrackBound(root) <= NATIVE_BOUND) {
    try {
      const native = new RegExp(
        toSource(root, !!flags.s),
        `${flags.i ? "i" : ""}${flags.m ? "m" : ""}${flags.s ? "s" : ""}`,
      );
      return { test: (s) => s.length >= min && native.test(s), engine: "native", minLength: min };
    } catch {
      // Fall through to re2js.
    }
  }
  // A regex made only of literal text and `.*`/`.+`/`.` is a glob: match it without re2js.
  const glob = root === null ? null : toGlob(root, pattern, flags);
  if (glob !== null) {
    const fallback = (s: string) => re.test(s);
    return { test: glob(fallback), engine: "glob", minLength: min };
  }
  // re2js costs microseconds: first check that the value holds the literal text any match
  // needs (every group of the list must have one of its needles).
  const groups = root === null ? [] : requiredAll(root);
  if (groups.length > 0) {
    const insensitive = !!flags.i || pattern.includes("(?");
    const cnf = groups.map((g) => g.map((n) => (insensitive ? n.toLowerCase() : n)));
    return {
      test: (s) => {
        if (s.length < min) return false;
        const h = insensitive ? s.toLowerCase() : s;
        for (const g of cnf) {
          let any = false;
          for (const n of g) {
            if (h.includes(n)) {
              any = true;
              break;
            }
          }
          if (!any) return false;
        }
        return re.test(s);
      },
      engine: "re2",
      minLength: min,
    };
  }
  return { test: (s) => s.length >= min && re.test(s), engine: "re2", minLength: min };
}

/**
 * Every literal group a match needs: each literal run of a top-level concatenation, and the
 * alternatives of each mandatory group. ASCII only (see `regexNeedles`).
 */
function requiredAll(root: RNode): string[][] {
  const items = root.t === "cat" ? root.items : [root];
  const out: string[][] = [];
  let run = "";
  const close = () => {
    if (run) out.push([run]);
    run = "";
  };
  for (const it of items) {
    if (it.t === "char") run += it.c;
    else if (it.t === "rep" && it.node.t === "char" && it.min >= 1) {
      run += it.node.c;
      if (it.max > 1) close();
    } else {
      close();
      if (it.t === "zero") continue;
      const r = asciiNeedles(required(it));
      if (r !== null) out.push(r);
    }
  }
  close();
  return out.filter((g) => asciiNeedles(g) !== null);
}

/**
 * Converts a regex of literal characters, `.`, `.*`, `.+` and end anchors into a glob matcher
 * (linear, no regex engine). Without the `s` flag `.` does not match a newline, so values with
 * a newline go to the regex engine. Null when the regex has anything else.
 */
function toGlob(
  root: RNode,
  pattern: string,
  flags: RegexFlags,
): ((fallback: (s: string) => boolean) => (s: string) => boolean) | null {
  if (flags.m) return null;
  let insensitive = !!flags.i;
  if (pattern.includes("(?")) {
    if (!pattern.startsWith("(?i)") || pattern.indexOf("(?", 1) >= 0) return null;
    insensitive = true;
  }
  const items = root.t === "cat" ? root.items : [root];
  const p: Pattern = [];
  let lit = "";
  const flush = () => {
    if (lit) p.push(lit);
    lit = "";
  };
  let head = false;
  let tail = false;
  for (let i = 0; i < items.length; i++) {
    const it = items[i] as RNode;
    if (it.t === "zero" && it.src === "^" && i === 0) head = true;
    else if (it.t === "zero" && it.src === "$" && i === items.length - 1) tail = true;
    else if (it.t === "char") lit += it.c;
    else if (it.t === "set" && it.src === ".") {
      flush();
      p.push(ONE);
    } else if (
      it.t === "rep" &&
      it.node.t === "set" &&
      it.node.src === "." &&
      !Number.isFinite(it.max)
    ) {
      flush();
      for (let k = 0; k < it.min; k++) p.push(ONE);
      if (p[p.length - 1] !== STAR) p.push(STAR);
    } else return null;
  }
  flush();
  if (insensitive && p.some((x) => typeof x === "string" && !ASCII.test(x))) return null;
  const full = anchorPattern(
    insensitive ? mapLiterals(p, (x) => x.toLowerCase()) : p,
    !head,
    !tail,
  );
  const match = compilePattern(full);
  const dotAll = !!flags.s;
  return (fallback) => (s) => {
    if (!dotAll && s.includes("\n")) return fallback(s);
    return match(insensitive ? s.toLowerCase() : s);
  };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range check
const ASCII = /^[\x00-\x7f]*$/;

function asciiNeedles(req: Req): string[] | null {
  if (req === null || req.length === 0) return null;
  for (const n of req) if (n.length === 0 || !ASCII.test(n)) return null;
  return req;
}

/** Compiles a rule regex to a predicate. Throws on bad syntax. */
export function compileRegex(pattern: string, flags: RegexFlags): (s: string) => boolean {
  return compileRegexInfo(pattern, flags).test;
}

/** Score of a set of alternative needles: lower is more selective. */
export function needleScore(needles: string[]): number {
  let p = 0;
  for (const n of needles) p += 0.65 ** n.length;
  return p;
}

type Req = string[] | null;

function better(a: Req, b: Req): Req {
  if (a === null || a.length === 0) return b;
  if (b === null || b.length === 0) return a;
  return needleScore(a) <= needleScore(b) ? a : b;
}

/** Literal alternatives any match of the node must contain (null: unknown). */
function required(n: RNode): Req {
  switch (n.t) {
    case "alt": {
      const out: string[] = [];
      for (const a of n.alts) {
        const r = required(a);
        if (r === null || r.length === 0) return null;
        out.push(...r);
      }
      return out;
    }
    case "char":
      return [n.c];
    case "group":
      return n.look ? null : required(n.body);
    case "rep":
      return n.min >= 1 ? required(n.node) : null;
    case "cat": {
      let best: Req = null;
      let run = "";
      const close = () => {
        if (run) best = better(best, [run]);
        run = "";
      };
      for (const it of n.items) {
        if (it.t === "char") run += it.c;
        else if (it.t === "rep" && it.node.t === "char" && it.min >= 1) {
          run += it.node.c;
          if (it.max > 1) close();
        } else {
          close();
          if (it.t !== "zero") best = better(best, required(it));
        }
      }
      close();
      return best;
    }
    default:
      return null;
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
    req = required(parseRegex(pattern).root);
  } catch {
    return null;
  }
  return asciiNeedles(req)?.map((n) => n.toLowerCase()) ?? null;
}
