/**
 * Value modifiers: parsing `Field|mod1|mod2`, validating combinations, and the transformation
 * modifiers (windash, expand, utf16*, wide, base64, base64offset) that turn one rule value into
 * one or more patterns. Matching-type modifiers (contains, startswith, endswith) are applied after
 * the transformations, whatever their position in the chain, as pySigma does for all real rules.
 */
import { anchorPattern, literalPattern, type Pattern, parsePattern } from "./wildcard.js";

/** Every modifier this engine knows. */
export const KNOWN_MODIFIERS = new Set([
  "contains",
  "startswith",
  "endswith",
  "all",
  "re",
  "i",
  "m",
  "s",
  "base64",
  "base64offset",
  "utf16le",
  "utf16be",
  "utf16",
  "wide",
  "windash",
  "cidr",
  "lt",
  "lte",
  "gt",
  "gte",
  "neq",
  "cased",
  "exists",
  "fieldref",
  "expand",
  "minute",
  "hour",
  "day",
  "week",
  "month",
  "year",
]);

/** Modifiers parsed from a detection key. */
export interface ModifierSet {
  field: string | null;
  list: string[];
  match: "eq" | "contains" | "startswith" | "endswith";
  all: boolean;
  re: boolean;
  reFlags: { i: boolean; m: boolean; s: boolean };
  cidr: boolean;
  compare: "lt" | "lte" | "gt" | "gte" | null;
  neq: boolean;
  cased: boolean;
  exists: boolean;
  fieldref: boolean;
  timePart: "minute" | "hour" | "day" | "week" | "month" | "year" | null;
  /** Transformation modifiers in chain order. */
  transforms: string[];
}

const TRANSFORMS = new Set([
  "base64",
  "base64offset",
  "utf16le",
  "utf16be",
  "utf16",
  "wide",
  "windash",
  "expand",
]);

/** Parses `Field|mod|mod` (an empty field means a keyword search). Throws on bad modifiers. */
export function parseModifiers(key: string): ModifierSet {
  const [field = "", ...mods] = key.split("|");
  const set: ModifierSet = {
    field: field === "" ? null : field,
    list: mods,
    match: "eq",
    all: false,
    re: false,
    reFlags: { i: false, m: false, s: false },
    cidr: false,
    compare: null,
    neq: false,
    cased: false,
    exists: false,
    fieldref: false,
    timePart: null,
    transforms: [],
  };
  for (const raw of mods) {
    const m = raw.trim();
    if (!KNOWN_MODIFIERS.has(m)) throw new Error(`unknown modifier '${m}' in '${key}'`);
    if (m === "contains" || m === "startswith" || m === "endswith") {
      if (set.match !== "eq" && set.match !== m) {
        throw new Error(`conflicting modifiers '${set.match}' and '${m}' in '${key}'`);
      }
      set.match = m;
    } else if (m === "i" || m === "m" || m === "s") {
      if (!set.re) throw new Error(`modifier '${m}' needs 're' before it in '${key}'`);
      set.reFlags[m] = true;
    } else if (m === "lt" || m === "lte" || m === "gt" || m === "gte") set.compare = m;
    else if (
      m === "minute" ||
      m === "hour" ||
      m === "day" ||
      m === "week" ||
      m === "month" ||
      m === "year"
    ) {
      set.timePart = m;
    } else if (TRANSFORMS.has(m)) set.transforms.push(m);
    else if (m === "all") set.all = true;
    else if (m === "re") set.re = true;
    else if (m === "cidr") set.cidr = true;
    else if (m === "neq") set.neq = true;
    else if (m === "cased") set.cased = true;
    else if (m === "exists") set.exists = true;
    else if (m === "fieldref") set.fieldref = true;
  }
  const kinds = [set.re, set.cidr, set.compare !== null && set.timePart === null, set.exists];
  if (kinds.filter(Boolean).length > 1) {
    throw new Error(`modifiers ${mods.join("|")} cannot be combined in '${key}'`);
  }
  if ((set.re || set.cidr || set.exists) && (set.match !== "eq" || set.transforms.length > 0)) {
    throw new Error(`modifiers ${mods.join("|")} cannot be combined in '${key}'`);
  }
  return set;
}

/** A value in flight through the transformation chain. */
type Val = { kind: "raw"; s: string } | { kind: "plain"; s: string } | { kind: "bytes"; b: Buffer };

const WINDASH_CHARS = ["-", "/", "\u2013", "\u2014", "\u2015"];

/** All variants of a string with flag dashes (`-x`, `/x` at a word start) swapped. */
export function windashVariants(s: string): string[] {
  const re = /\B[-/]\b/g;
  const positions: number[] = [];
  for (let m = re.exec(s); m !== null; m = re.exec(s)) positions.push(m.index);
  if (positions.length === 0) return [s];
  if (positions.length > 6) throw new Error(`too many flag dashes for windash in '${s}'`);
  let out = [""];
  let last = 0;
  for (const p of positions) {
    const chunk = s.slice(last, p);
    out = out.flatMap((prefix) => WINDASH_CHARS.map((d) => prefix + chunk + d));
    last = p + 1;
  }
  const tail = s.slice(last);
  return out.map((x) => x + tail);
}

/** Replaces `%name%` placeholders (unless escaped as `\%`); unresolved ones yield no values. */
export function expandPlaceholders(
  s: string,
  placeholders: Record<string, string[]>,
  unresolved: Set<string>,
): string[] {
  let out = [""];
  const re = /\\%|%([A-Za-z0-9_.-]+)%/g;
  let last = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const before = s.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[1] === undefined) {
      out = out.map((x) => `${x + before}%`);
      continue;
    }
    const values = placeholders[m[1]];
    if (values === undefined) unresolved.add(m[1]);
    out = out.flatMap((x) => (values ?? []).map((v) => x + before + v));
  }
  const tail = s.slice(last);
  return out.map((x) => x + tail);
}

function plainString(v: Val, mod: string): string {
  if (v.kind === "bytes") return v.b.toString("latin1");
  if (v.kind === "plain") return v.s;
  const p = parsePattern(v.s);
  if (p.some((x) => typeof x !== "string")) {
    throw new Error(`modifier '${mod}' cannot encode a value with wildcards ('${v.s}')`);
  }
  return p.join("");
}

function toBytes(v: Val, mod: string): Buffer {
  return v.kind === "bytes" ? v.b : Buffer.from(plainString(v, mod), "utf8");
}

function utf16be(s: string): Buffer {
  const le = Buffer.from(s, "utf16le");
  for (let i = 0; i + 1 < le.length; i += 2) {
    const a = le[i] as number;
    le[i] = le[i + 1] as number;
    le[i + 1] = a;
  }
  return le;
}

/** pySigma's base64offset: the three encodings of the value at byte offsets 0, 1 and 2. */
export function base64Offsets(b: Buffer): string[] {
  const starts = [0, 2, 3];
  const ends = [0, -3, -2];
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const enc = Buffer.concat([Buffer.alloc(i, 0x20), b]).toString("base64");
    const end = ends[(b.length + i) % 3] as number;
    out.push(enc.slice(starts[i], end === 0 ? undefined : end));
  }
  return out;
}

function applyTransform(v: Val, mod: string, ctx: ExpandContext): Val[] {
  switch (mod) {
    case "windash":
      if (v.kind === "bytes") throw new Error("windash cannot follow an encoding modifier");
      return windashVariants(v.s).map((s) => ({ kind: v.kind, s }));
    case "expand":
      if (v.kind !== "raw") throw new Error("expand must come before encoding modifiers");
      return expandPlaceholders(v.s, ctx.placeholders, ctx.unresolved).map((s) => ({
        kind: "raw",
        s,
      }));
    case "utf16le":
    case "wide":
      return [{ kind: "bytes", b: Buffer.from(plainString(v, mod), "utf16le") }];
    case "utf16be":
      return [{ kind: "bytes", b: utf16be(plainString(v, mod)) }];
    case "utf16":
      return [
        {
          kind: "bytes",
          b: Buffer.concat([
            Buffer.from([0xff, 0xfe]),
            Buffer.from(plainString(v, mod), "utf16le"),
          ]),
        },
      ];
    case "base64":
      return [{ kind: "plain", s: toBytes(v, mod).toString("base64") }];
    case "base64offset":
      return base64Offsets(toBytes(v, mod)).map((s) => ({ kind: "plain", s }));
    default:
      throw new Error(`unknown transformation '${mod}'`);
  }
}

/** Inputs of value expansion. */
export interface ExpandContext {
  placeholders: Record<string, string[]>;
  /** Collects placeholder names that had no value. */
  unresolved: Set<string>;
}

/**
 * Turns one rule value into the patterns it stands for: transformations in order, then the
 * contains/startswith/endswith wildcards.
 */
export function valuePatterns(value: string, mods: ModifierSet, ctx: ExpandContext): Pattern[] {
  let vals: Val[] = [{ kind: "raw", s: value }];
  for (const t of mods.transforms) vals = vals.flatMap((v) => applyTransform(v, t, ctx));
  const before = mods.match === "contains" || mods.match === "endswith";
  const after = mods.match === "contains" || mods.match === "startswith";
  return vals.map((v) => {
    const p =
      v.kind === "raw"
        ? parsePattern(v.s)
        : literalPattern(v.kind === "plain" ? v.s : v.b.toString("latin1"));
    return anchorPattern(p, before, after);
  });
}
