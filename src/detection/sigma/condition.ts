/**
 * The Sigma condition language: `and`, `or`, `not`, parentheses, `1 of` / `any of` / `all of`
 * (and `N of`) over search-identifier names with `*` wildcards, and `them`.
 * Precedence, loosest first: or, and, not, `x of`, parentheses.
 */

/** Parsed condition expression. */
export type Cond =
  | { t: "and"; items: Cond[] }
  | { t: "or"; items: Cond[] }
  | { t: "not"; item: Cond }
  | { t: "ref"; name: string }
  | { t: "of"; quant: "all" | number; pattern: string };

interface Token {
  v: string;
  pos: number;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(\(|\)|\||[^\s()|]+)/gy;
  let m: RegExpExecArray | null = re.exec(src);
  while (m !== null) {
    out.push({ v: m[1] as string, pos: m.index + m[0].length - (m[1] as string).length });
    m = re.exec(src);
  }
  if (src.slice(re.lastIndex).trim() !== "" && out.length === 0) {
    throw new Error(`cannot read condition '${src}'`);
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Token[],
    private readonly src: string,
  ) {}

  private peek(): string | undefined {
    return this.toks[this.i]?.v;
  }

  private fail(msg: string): never {
    const at = this.toks[this.i]?.pos ?? this.src.length;
    throw new Error(`condition '${this.src}': ${msg} at column ${at + 1}`);
  }

  parse(): Cond {
    if (this.toks.length === 0) this.fail("empty condition");
    const c = this.or();
    if (this.i < this.toks.length) {
      const v = this.peek() as string;
      if (v === "|") this.fail("aggregation expressions ('| count() ...') are Sigma 1 syntax");
      this.fail(`unexpected '${v}'`);
    }
    return c;
  }

  private or(): Cond {
    const items = [this.and()];
    while (this.peek()?.toLowerCase() === "or") {
      this.i++;
      items.push(this.and());
    }
    return items.length === 1 ? (items[0] as Cond) : { t: "or", items };
  }

  private and(): Cond {
    const items = [this.not()];
    while (this.peek()?.toLowerCase() === "and") {
      this.i++;
      items.push(this.not());
    }
    return items.length === 1 ? (items[0] as Cond) : { t: "and", items };
  }

  private not(): Cond {
    if (this.peek()?.toLowerCase() === "not") {
      this.i++;
      return { t: "not", item: this.not() };
    }
    return this.primary();
  }

  private primary(): Cond {
    const v = this.peek();
    if (v === undefined) this.fail("unexpected end");
    if (v === "(") {
      this.i++;
      const c = this.or();
      if (this.peek() !== ")") this.fail("missing ')'");
      this.i++;
      return c;
    }
    const low = v.toLowerCase();
    if (low === ")" || low === "and" || low === "or" || low === "|") this.fail(`unexpected '${v}'`);
    if (low === "near") this.fail("the 'near' operator is Sigma 1 syntax");
    const next = this.toks[this.i + 1]?.v.toLowerCase();
    if (next === "of" && (low === "all" || low === "any" || /^\d+$/.test(low))) {
      this.i += 2;
      const target = this.peek();
      if (target === undefined || target === "(" || target === ")") this.fail("'of' needs a name");
      this.i++;
      const quant = low === "all" ? "all" : low === "any" ? 1 : Number(low);
      if (quant === 0) this.fail("'0 of' is not meaningful");
      return { t: "of", quant, pattern: target };
    }
    this.i++;
    return { t: "ref", name: v };
  }
}

/** Parses a condition string. Throws with the column of the problem. */
export function parseCondition(src: string): Cond {
  return new Parser(tokenize(src), src).parse();
}

/** Converts an identifier pattern with `*` wildcards to a test. */
function namePattern(pattern: string): (name: string) => boolean {
  if (!pattern.includes("*")) return (n) => n === pattern;
  const re = new RegExp(
    `^${pattern
      .split("*")
      .map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return (n) => re.test(n);
}

/**
 * Resolves `x of pattern` / `x of them` to the search identifiers they name. `them` excludes
 * identifiers that start with an underscore. Throws when nothing matches.
 */
export function resolveOf(pattern: string, names: string[]): string[] {
  if (pattern.toLowerCase() === "them") return names.filter((n) => !n.startsWith("_"));
  const test = namePattern(pattern);
  const out = names.filter(test);
  if (out.length === 0) throw new Error(`no search identifier matches '${pattern}'`);
  return out;
}

/** Rewrites `of` expressions into plain and/or over references. */
export function expandCondition(c: Cond, names: string[]): Cond {
  switch (c.t) {
    case "ref":
      if (!names.includes(c.name)) throw new Error(`unknown search identifier '${c.name}'`);
      return c;
    case "not":
      return { t: "not", item: expandCondition(c.item, names) };
    case "and":
    case "or":
      return { t: c.t, items: c.items.map((x) => expandCondition(x, names)) };
    case "of": {
      const refs: Cond[] = resolveOf(c.pattern, names).map((name) => ({ t: "ref", name }));
      if (c.quant === "all")
        return refs.length === 1 ? (refs[0] as Cond) : { t: "and", items: refs };
      if (c.quant === 1) return refs.length === 1 ? (refs[0] as Cond) : { t: "or", items: refs };
      return { t: "of", quant: c.quant, pattern: c.pattern };
    }
  }
}

/** Names a condition references positively (not under `not`), for match explanations. */
export function positiveRefs(c: Cond, names: string[], negated = false, out = new Set<string>()) {
  switch (c.t) {
    case "ref":
      if (!negated) out.add(c.name);
      break;
    case "not":
      positiveRefs(c.item, names, !negated, out);
      break;
    case "and":
    case "or":
      for (const x of c.items) positiveRefs(x, names, negated, out);
      break;
    case "of":
      if (!negated) for (const n of resolveOf(c.pattern, names)) out.add(n);
      break;
  }
  return out;
}
