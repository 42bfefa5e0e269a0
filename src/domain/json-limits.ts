/**
 * Limits on the shape of JSON (or YAML) values that come from outside. Deep nesting is how one
 * small request exhausts a recursive walk — JSON.stringify itself overflows V8's stack at a few
 * thousand levels — so every input is measured here, iteratively, before anything recurses over
 * it. No real event, alert payload or document comes near these limits: Windows event JSON nests
 * 4 levels, ECS about 5, a procedure document about 8.
 */

/** Deepest nesting accepted: objects and arrays inside each other, the outermost one is level 1. */
export const MAX_JSON_DEPTH = 64;

/** Most values (objects, arrays and scalars together) accepted in one event. */
export const MAX_EVENT_VALUES = 100_000;

/** Why a value is refused, and where (a path of keys and indexes to the first offending value). */
export interface JsonLimitProblem {
  reason: string;
  path: (string | number)[];
}

/**
 * Measures a value without recursion and reports the first limit it breaks: nesting deeper than
 * `maxDepth` (which also catches cycles, as YAML aliases can build) or more than `maxValues`
 * values. Undefined when the value is within both. It runs on every ingested event, so the
 * common case allocates nothing per value; only a refusal pays for finding the path.
 */
export function checkJsonLimits(
  value: unknown,
  maxDepth = MAX_JSON_DEPTH,
  maxValues = Number.POSITIVE_INFINITY,
): JsonLimitProblem | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const stack: object[] = [value];
  const depths: number[] = [1];
  let count = 1;
  while (stack.length > 0) {
    const v = stack.pop() as Record<string, unknown>;
    const depth = depths.pop() as number;
    if (depth > maxDepth)
      return {
        reason: `nested deeper than ${maxDepth} levels`,
        path: pathTooDeep(value, maxDepth),
      };
    for (const k in v) {
      count++;
      const c = v[k];
      if (typeof c === "object" && c !== null) {
        stack.push(c);
        depths.push(depth + 1);
      }
    }
    if (count > maxValues) return { reason: `more than ${maxValues} values`, path: [] };
  }
  return undefined;
}

/** The path to the first container (depth first, in key order) deeper than `maxDepth`. */
function pathTooDeep(value: object, maxDepth: number): (string | number)[] {
  // Each entry: a container, its depth, and how it was reached (for the path in the answer).
  const stack: { v: object; depth: number; parent: number; key: string | number }[] = [
    { v: value, depth: 1, parent: -1, key: "" },
  ];
  const trail: { parent: number; key: string | number }[] = [];
  while (stack.length > 0) {
    const top = stack.pop() as (typeof stack)[number];
    trail.push({ parent: top.parent, key: top.key });
    const me = trail.length - 1;
    if (top.depth > maxDepth) return pathOf(trail, me);
    const children: [string | number, unknown][] = Array.isArray(top.v)
      ? top.v.map((c, i) => [i, c])
      : Object.entries(top.v);
    for (let i = children.length - 1; i >= 0; i--) {
      const [key, c] = children[i] as [string | number, unknown];
      if (typeof c === "object" && c !== null)
        stack.push({ v: c, depth: top.depth + 1, parent: me, key });
    }
  }
  return [];
}

function pathOf(trail: { parent: number; key: string | number }[], at: number) {
  const path: (string | number)[] = [];
  for (let i = at; i > 0; i = (trail[i] as (typeof trail)[number]).parent)
    path.push((trail[i] as (typeof trail)[number]).key);
  return path.reverse();
}

/**
 * The path to the first key or string under `value` holding U+0000 (NUL), or undefined. PostgreSQL
 * text cannot hold NUL, so whatever would be stored as text is refused with it (not stripped: the
 * timeline hashes what it was given). Iterative; run it after `checkJsonLimits`, which bounds it.
 */
export function findNul(value: unknown): (string | number)[] | undefined {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop() as (typeof stack)[number];
    if (typeof v === "string") {
      if (v.includes("\0")) return path;
      continue;
    }
    if (typeof v !== "object" || v === null) continue;
    for (const [k, c] of Object.entries(v)) {
      const at = [...path, Array.isArray(v) ? Number(k) : k];
      if (k.includes("\0")) return at;
      stack.push({ v: c, path: at });
    }
  }
  return undefined;
}

/** `a.b[2].c`, the path notation of error details. */
export function formatJsonPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (s, p) => (typeof p === "number" ? `${s}[${p}]` : s ? `${s}.${p}` : p),
    "",
  );
}
