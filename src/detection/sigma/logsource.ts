/**
 * Logsource classification: which Sigma product / category / service an event belongs to, and
 * whether a rule's logsource applies to it. Rules are only evaluated against events of their
 * logsource; this is also the first speed trick (rules are bucketed by classification).
 *
 * A classification dimension is either a list of values or `null` (unknown). A rule attribute
 * applies when the event's list contains it; an unknown dimension matches anything unless
 * matching is strict. Windows events are always fully known (their channel says everything).
 */
import { addLeafValue } from "../events/flatten.js";
import type { FlatEvent } from "./context.js";
import { GENERIC_SOURCES, type SourceRule } from "./mapping-generic.js";
import {
  defaultWindowsMapping,
  type FieldMap,
  SERVICE_ALIASES,
  type WindowsMapping,
} from "./mapping-windows.js";
import type { Logsource } from "./types.js";
import { compilePattern, mapLiterals, parsePattern } from "./wildcard.js";

/** A complete logsource mapping: Windows channel tables plus field-condition sources. */
export interface LogsourceMapping {
  windows: WindowsMapping;
  sources: SourceRule[];
}

/** The built-in mapping (Windows, Sysmon, Security, PowerShell, Defender, ECS, cloud audit). */
export function defaultMapping(): LogsourceMapping {
  return { windows: defaultWindowsMapping(), sources: GENERIC_SOURCES.slice() };
}

/** The logsource of one event. */
export interface Classification {
  product: string[] | null;
  category: string[] | null;
  service: string[] | null;
  /** Field renames to apply to the event before rules look at it. */
  fieldMaps: FieldMap[];
  /** Stable identity of (product, category, service), for caching rule buckets. */
  key: string;
}

function norm(v: unknown): string | null {
  if (typeof v === "string") return v.toLowerCase();
  if (typeof v === "number") return String(v);
  return null;
}

type Cond = { field: string; tests: ((s: string) => boolean)[] };

function compileWhen(when: Record<string, string[]>): Cond[] {
  return Object.entries(when).map(([field, values]) => ({
    field,
    tests: values.map((v) => compilePattern(mapLiterals(parsePattern(v), (s) => s.toLowerCase()))),
  }));
}

function condHolds(c: Cond, e: FlatEvent): boolean {
  const v = e[c.field];
  const vals = Array.isArray(v) ? v : [v];
  for (const x of vals) {
    const s = norm(x);
    if (s !== null && c.tests.some((t) => t(s))) return true;
  }
  return false;
}

function keyOf(c: Omit<Classification, "key" | "fieldMaps">): string {
  const f = (x: string[] | null) => (x === null ? "?" : [...new Set(x)].sort().join(","));
  return `${f(c.product)}|${f(c.category)}|${f(c.service)}`;
}

/** One level of the classification cache: a key field's value → the next level (or the result). */
type CacheLevel = Map<unknown, CacheLevel | Classification>;

/** Cached classifications above which the cache starts afresh (events of unbounded variety). */
const CACHE_ENTRIES = 10_000;

/**
 * A key field's value as a cache key: primitives as they are (finer than their text, never
 * coarser), objects and arrays by their JSON text, marked so that no string can equal it.
 */
function cacheKey(v: unknown): unknown {
  return typeof v === "object" && v !== null ? `\u0000${JSON.stringify(v)}` : v;
}

/** Classifies events by a mapping; results are cached per distinct identifying field values. */
export class LogsourceClassifier {
  private readonly sources: { rule: SourceRule; conds: Cond[] }[];
  private readonly keyFields: string[];
  /**
   * One Map level per key field, in `keyFields` order: looking an event up costs one Map lookup
   * per field and builds no key string (every event is classified, so this is on the hot path).
   */
  private cache: CacheLevel = new Map();
  private cached = 0;
  private readonly forced: Classification | null;

  constructor(
    private readonly mapping: LogsourceMapping = defaultMapping(),
    forced?: Logsource,
  ) {
    this.sources = mapping.sources.map((rule) => ({ rule, conds: compileWhen(rule.when) }));
    const keys = new Set(["Channel", "Provider_Name", "EventID"]);
    for (const c of mapping.windows.categories)
      for (const f of Object.keys(c.when ?? {})) keys.add(f);
    for (const s of this.sources) for (const c of s.conds) keys.add(c.field);
    this.keyFields = [...keys];
    this.forced = forced ? LogsourceClassifier.fromLogsource(forced) : null;
  }

  /** A fully known classification from explicit logsource attributes. */
  static fromLogsource(ls: Logsource): Classification {
    const c = {
      product: ls.product ? [ls.product.toLowerCase()] : [],
      category: ls.category ? [ls.category.toLowerCase()] : [],
      service: ls.service ? [ls.service.toLowerCase()] : [],
    };
    return { ...c, fieldMaps: [], key: keyOf(c) };
  }

  /** Classifies a flat event. */
  classify(e: FlatEvent): Classification {
    if (this.forced) return this.forced;
    const fields = this.keyFields;
    const last = fields.length - 1;
    let level = this.cache;
    for (let i = 0; i < last; i++) {
      const k = cacheKey(e[fields[i] as string]);
      let next = level.get(k) as CacheLevel | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(k, next);
      }
      level = next;
    }
    const k = cacheKey(e[fields[last] as string]);
    let c = level.get(k) as Classification | undefined;
    if (c === undefined) {
      c = this.compute(e);
      if (++this.cached > CACHE_ENTRIES) {
        // Start afresh; the levels just built for this event are dropped with the rest.
        this.cache = new Map();
        this.cached = 0;
      } else level.set(k, c);
    }
    return c;
  }

  private compute(e: FlatEvent): Classification {
    let product: string[] | null = null;
    let category: string[] | null = null;
    let service: string[] | null = null;
    const fieldMaps: FieldMap[] = [];
    const add = (cur: string[] | null, v: string | string[] | undefined): string[] | null => {
      if (v === undefined) return cur;
      return (cur ?? []).concat(v);
    };
    const win = this.mapping.windows;
    const channel = norm(e.Channel) ?? win.providers[norm(e.Provider_Name) ?? ""] ?? null;
    if (channel !== null && (e.EventID !== undefined || win.channels[channel])) {
      const def = win.channels[channel];
      product = [def?.product ?? "windows"];
      category = [];
      service = [];
      if (def) {
        service.push(def.service, ...(SERVICE_ALIASES[def.service] ?? []));
        const id = Number(e.EventID);
        for (const cat of win.categories) {
          if (cat.service !== def.service || !cat.eventIds.includes(id)) continue;
          const extra = cat.when ? compileWhen(cat.when) : [];
          if (!extra.every((x) => condHolds(x, e))) continue;
          category.push(cat.category);
          if (cat.fields) fieldMaps.push(cat.fields);
        }
      }
    }
    for (const { rule, conds } of this.sources) {
      if (!conds.every((x) => condHolds(x, e))) continue;
      const ls = rule.logsource;
      product = add(product, ls.product);
      category = add(category, ls.category);
      service = add(service, ls.service);
      if (rule.complete) {
        product ??= [];
        category ??= [];
        service ??= [];
      }
      if (rule.fields) fieldMaps.push(rule.fields);
    }
    const dims = { product, category, service };
    return { ...dims, fieldMaps, key: keyOf(dims) };
  }
}

/** Adds the Sigma field names a classification maps (only where the event lacks them). */
export function applyFieldMaps(e: FlatEvent, maps: FieldMap[]): void {
  for (const m of maps) {
    for (const sigma in m) {
      if (e[sigma] !== undefined) continue;
      const src = m[sigma];
      const v = typeof src === "function" ? src(e) : e[src as string];
      if (v !== undefined) {
        e[sigma] = v;
        addLeafValue(e, v);
      }
    }
  }
}

/** True when a rule's logsource applies to an event's classification. */
export function logsourceApplies(ls: Logsource, c: Classification, strict = false): boolean {
  const dim = (want: string | undefined, have: string[] | null) =>
    want === undefined || (have === null ? !strict : have.includes(want));
  return dim(ls.product, c.product) && dim(ls.category, c.category) && dim(ls.service, c.service);
}
