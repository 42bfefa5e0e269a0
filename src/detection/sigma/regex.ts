/**
 * Regular expressions of the `re` modifier.
 *
 * Safety decision: rule regexes run on re2js, a pure-JS port of RE2 whose matching time is
 * linear in the input, so a hostile pattern such as `(a+)+$` cannot hang the engine on a long
 * field value. A native `RegExp` (V8's backtracking engine, several times faster) is used only
 * when the pattern is provably safe: no unbounded quantifier (`*`, `+`, `{n,}`), no quantified
 * group with inner choices, and at most 256 paths to try from any start position (the product of
 * the quantifier ranges and alternation widths, computed on the parsed pattern). Such a pattern
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

/** Paths per start position above which a native RegExp is not used. */
const NATIVE_BOUND = 256;

/** Sub-modifiers of `re`. */
export interface RegexFlags {
  i?: boolean;
  m?: boolean;
  s?: boolean;
}

/** How a regex was compiled (exposed for tests and documentation). */
export interface CompiledRegex {
  test: (s: string) => boolean;
  engine: "native" | "re2";
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
  // re2js costs microseconds: first check that the value holds literal text any match needs.
  const needles = root === null ? null : asciiNeedles(required(root));
  if (needles !== null) {
    const insensitive = !!flags.i || pattern.includes("(?");
    const raw = needles.map((n) => (insensitive ? n.toLowerCase() : n));
    return {
      test: (s) => {
        if (s.length < min) return false;
        const h = insensitive ? s.toLowerCase() : s;
        for (const n of raw) if (h.includes(n)) return re.test(s);
        return false;
      },
      engine: "re2",
      minLength: min,
    };
  }
  return { test: (s) => s.length >= min && re.test(s), engine: "re2", minLength: min };
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
