/**
 * A small parser for the regular expressions of Sigma rules (PCRE/RE2 syntax), used only to
 * analyse them: literal text a match must contain, minimum match length, and whether a native
 * RegExp would be safe and equivalent. Matching itself is done by re2js or RegExp.
 */

/** Regex syntax tree. `src` is the node's JavaScript-equivalent source text. */
export type RNode =
  | { t: "alt"; alts: RNode[] }
  | { t: "cat"; items: RNode[] }
  | { t: "char"; c: string; src: string }
  | { t: "set"; src: string }
  | { t: "zero"; src: string }
  | { t: "group"; look: boolean; body: RNode; open: string }
  | { t: "rep"; node: RNode; min: number; max: number; src: string };

/** Parse result. */
export interface ParsedRegex {
  root: RNode;
  /** False when the pattern uses syntax JavaScript lacks or reads differently. */
  jsCompatible: boolean;
}

const WS_CLASS = "\\t\\n\\f\\r ";

class Parser {
  i = 0;
  js = true;
  constructor(private readonly s: string) {}

  parse(): ParsedRegex {
    const root = this.alt();
    if (this.i !== this.s.length) throw new Error(`unexpected ')' at ${this.i}`);
    return { root, jsCompatible: this.js };
  }

  private alt(): RNode {
    const alts = [this.cat()];
    while (this.s[this.i] === "|") {
      this.i++;
      alts.push(this.cat());
    }
    return alts.length === 1 ? (alts[0] as RNode) : { t: "alt", alts };
  }

  private cat(): RNode {
    const items: RNode[] = [];
    while (this.i < this.s.length && this.s[this.i] !== "|" && this.s[this.i] !== ")") {
      const atom = this.atom();
      if (atom === null) continue;
      items.push(this.quantifier(atom));
    }
    return items.length === 1 ? (items[0] as RNode) : { t: "cat", items };
  }

  private quantifier(node: RNode): RNode {
    const rest = this.s.slice(this.i);
    let min: number;
    let max: number;
    let m = /^[*+?]/.exec(rest);
    if (m) {
      min = m[0] === "+" ? 1 : 0;
      max = m[0] === "?" ? 1 : Number.POSITIVE_INFINITY;
    } else {
      m = /^\{(\d+)(,(\d*))?\}/.exec(rest);
      if (!m) return node;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3]);
    }
    this.i += m[0].length;
    let src = m[0];
    const mod = this.s[this.i];
    if (mod === "?") {
      src += "?";
      this.i++;
    } else if (mod === "+") {
      this.js = false; // possessive
      this.i++;
    }
    return this.quantifier({ t: "rep", node, min, max, src });
  }

  /** Reads one atom; null for inline flag groups such as `(?i)`. */
  private atom(): RNode | null {
    const c = this.s[this.i] as string;
    if (c === "(") return this.group();
    if (c === "[") return this.cls();
    if (c === "\\") return this.escape();
    this.i++;
    if (c === ".") return { t: "set", src: "." };
    if (c === "^" || c === "$") return { t: "zero", src: c };
    const special = "{}*+?".includes(c);
    return { t: "char", c, src: special ? `\\${c}` : c };
  }

  private group(): RNode | null {
    this.i++;
    let open = "(";
    let look = false;
    if (this.s[this.i] === "?") {
      const rest = this.s.slice(this.i);
      const flags = /^\?[a-zA-Z-]+\)/.exec(rest);
      if (flags) {
        this.js = false;
        this.i += flags[0].length;
        return null;
      }
      const m = /^\?(:|[a-zA-Z-]+:|P?<[A-Za-z_]\w*>|=|!|<=|<!)/.exec(rest);
      if (!m) throw new Error("unknown group syntax");
      look = ["?=", "?!", "?<=", "?<!"].includes(m[0]);
      if (m[0] === "?:" || look) open = `(${m[0]}`;
      else {
        this.js = false;
        open = "(?:";
      }
      this.i += m[0].length;
    }
    const body = this.alt();
    if (this.s[this.i] !== ")") throw new Error("missing ')'");
    this.i++;
    return { t: "group", look, body, open };
  }

  private cls(): RNode {
    const start = this.i;
    this.i++;
    let src = "[";
    if (this.s[this.i] === "^") {
      src += "^";
      this.i++;
    }
    if (this.s[this.i] === "]") {
      src += "\\]";
      this.i++;
    }
    while (this.i < this.s.length && this.s[this.i] !== "]") {
      const c = this.s[this.i] as string;
      if (c === "\\") {
        const n = this.s[this.i + 1] ?? "";
        if (n === "s") src += WS_CLASS;
        else if (n === "S") {
          this.js = false;
          src += "\\S";
        } else if ("pPQEx".includes(n) && n !== "") {
          this.js = false;
          src += `\\${n}`;
        } else src += `\\${n}`;
        this.i += 2;
        continue;
      }
      if (c === "[" && this.s[this.i + 1] === ":") this.js = false;
      if (c === "[") src += "\\[";
      else src += c;
      this.i++;
    }
    if (this.s[this.i] !== "]") throw new Error(`unterminated class at ${start}`);
    this.i++;
    return { t: "set", src: `${src}]` };
  }

  private escape(): RNode {
    const n = this.s[this.i + 1];
    if (n === undefined) throw new Error("trailing backslash");
    this.i += 2;
    if ("dDwW".includes(n)) return { t: "set", src: `\\${n}` };
    if (n === "s") return { t: "set", src: `[${WS_CLASS}]` };
    if (n === "S") return { t: "set", src: `[^${WS_CLASS}]` };
    if (n === "b" || n === "B") return { t: "zero", src: `\\${n}` };
    const lit: Record<string, string> = { t: "\t", n: "\n", r: "\r", f: "\f", v: "\v" };
    if (lit[n] !== undefined) return { t: "char", c: lit[n] as string, src: `\\${n}` };
    if (n === "x" && /^[0-9a-fA-F]{2}/.test(this.s.slice(this.i))) {
      const hex = this.s.slice(this.i, this.i + 2);
      this.i += 2;
      return { t: "char", c: String.fromCharCode(Number.parseInt(hex, 16)), src: `\\x${hex}` };
    }
    if (/[a-zA-Z0-9]/.test(n)) {
      // \A \z \Z \p{..} \x{..} \Q..\E \C, back-references: RE2-only or unsupported in JS.
      this.js = false;
      if (this.s[this.i] === "{") {
        const end = this.s.indexOf("}", this.i);
        this.i = end < 0 ? this.s.length : end + 1;
      }
      return n === "A" || n === "z" || n === "Z" ? { t: "zero", src: "" } : { t: "set", src: "" };
    }
    return { t: "char", c: n, src: `\\${n}` };
  }
}

/** Parses a rule regex. Throws on syntax this reader cannot follow. */
export function parseRegex(pattern: string): ParsedRegex {
  return new Parser(pattern).parse();
}

/** Source text of a node (JavaScript syntax). */
export function toSource(n: RNode, dotAll: boolean): string {
  switch (n.t) {
    case "alt":
      return n.alts.map((a) => toSource(a, dotAll)).join("|");
    case "cat":
      return n.items.map((a) => toSource(a, dotAll)).join("");
    case "char":
    case "zero":
      return n.src;
    case "set":
      // RE2's `.` excludes only \n; JavaScript's also excludes \r, \u2028 and \u2029.
      return n.src === "." && !dotAll ? "[^\\n]" : n.src;
    case "group":
      return `${n.open}${toSource(n.body, dotAll)})`;
    case "rep":
      return `${toSource(n.node, dotAll)}${n.src}`;
  }
}

/** Minimum length of any match. */
export function minLength(n: RNode): number {
  switch (n.t) {
    case "alt":
      return Math.min(...n.alts.map(minLength));
    case "cat":
      return n.items.reduce((s, x) => s + minLength(x), 0);
    case "char":
    case "set":
      return 1;
    case "zero":
      return 0;
    case "group":
      return n.look ? 0 : minLength(n.body);
    case "rep":
      return n.min * minLength(n.node);
  }
}

/**
 * An upper bound of the paths a backtracking engine may try from one start position, or
 * Infinity when it is unbounded (an unbounded quantifier, or a quantified group with inner
 * choices). Finite bounds mean matching is linear in the input length.
 */
export function backtrackBound(n: RNode): number {
  switch (n.t) {
    case "alt":
      return n.alts.reduce((s, a) => s + backtrackBound(a), 0);
    case "cat":
      return n.items.reduce((p, x) => p * backtrackBound(x), 1);
    case "char":
    case "set":
    case "zero":
      return 1;
    case "group":
      return backtrackBound(n.body);
    case "rep": {
      if (!Number.isFinite(n.max)) return Number.POSITIVE_INFINITY;
      const b = backtrackBound(n.node);
      if (b === 1) return n.max - n.min + 1;
      // k repetitions of a node with b paths: b^k paths; all counts from min to max.
      let total = 0;
      for (let k = n.min; k <= n.max; k++) {
        total += b ** k;
        if (total > 1e6) return Number.POSITIVE_INFINITY;
      }
      return total;
    }
  }
}
