/**
 * Inputs that attack the parsers rather than the rules: nesting deeper than any walk should
 * follow, and YAML aliases that expand exponentially.
 */

/** `{"a": {"a": … 1 …}}`, `levels` objects deep, as text (JSON.stringify cannot write it). */
export const deepJson = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;

/** The same as a value, built without recursion. */
export function deepValue(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let cur = root;
  for (let i = 1; i < levels; i++) {
    const next: Record<string, unknown> = {};
    cur.a = next;
    cur = next;
  }
  cur.a = 1;
  return root;
}

/** A "billion laughs" YAML document: nine aliases of nine aliases of …, under a valid kind. */
export const yamlAliasBomb = (kind = "procedure") =>
  [
    `kind: ${kind}`,
    "id: bomb",
    "a: &a [x, x, x, x, x, x, x, x, x]",
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
    "f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
    "",
  ].join("\n");
