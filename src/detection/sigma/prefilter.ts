/**
 * The prefilter: from each rule's atoms (literal text that any match must contain), an index that
 * finds the few rules worth evaluating for an event, instead of running every rule of the
 * logsource. Exact atoms are a Map lookup of the field's lowercased value; substring atoms are
 * found in one pass over the value with a trigram table (each needle is filed under its rarest
 * trigram and verified with `startsWith`), so the cost grows with the value's length, not with
 * the number of needles. Rules without atoms are always evaluated.
 */
import type { EventContext } from "./context.js";
import { scalarString } from "./context.js";
import type { Atom } from "./types.js";

interface Entry {
  needle: string;
  offset: number;
  atom: number;
}

const TABLE = 1 << 16;

function tri(a: number, b: number, c: number): number {
  return ((a << 11) ^ (b << 6) ^ c ^ (a >>> 5)) & (TABLE - 1);
}

/** Finds which of many needles occur in a string, in one pass. */
export class NeedleIndex {
  private readonly table: (Entry[] | undefined)[] = new Array(TABLE);
  private readonly short: Entry[] = [];

  constructor(needles: { needle: string; atom: number }[]) {
    const freq = new Map<number, number>();
    for (const { needle } of needles) {
      const seen = new Set<number>();
      for (let i = 0; i + 3 <= needle.length; i++) {
        const h = tri(needle.charCodeAt(i), needle.charCodeAt(i + 1), needle.charCodeAt(i + 2));
        if (!seen.has(h)) freq.set(h, (freq.get(h) ?? 0) + 1);
        seen.add(h);
      }
    }
    for (const { needle, atom } of needles) {
      if (needle.length < 3) {
        this.short.push({ needle, offset: 0, atom });
        continue;
      }
      let best = 0;
      let bestF = Number.POSITIVE_INFINITY;
      for (let i = 0; i + 3 <= needle.length; i++) {
        const h = tri(needle.charCodeAt(i), needle.charCodeAt(i + 1), needle.charCodeAt(i + 2));
        const f = freq.get(h) ?? 0;
        if (f < bestF) {
          bestF = f;
          best = i;
        }
      }
      const h = tri(
        needle.charCodeAt(best),
        needle.charCodeAt(best + 1),
        needle.charCodeAt(best + 2),
      );
      const list = this.table[h] ?? [];
      list.push({ needle, offset: best, atom });
      this.table[h] = list;
    }
  }

  /** Calls `hit(atom)` for every needle found in `s` (possibly more than once per atom). */
  search(s: string, hit: (atom: number) => void): void {
    const n = s.length;
    if (n >= 3) {
      const table = this.table;
      let a = s.charCodeAt(0);
      let b = s.charCodeAt(1);
      for (let i = 2; i < n; i++) {
        const c = s.charCodeAt(i);
        const list = table[tri(a, b, c)];
        if (list !== undefined) {
          const start = i - 2;
          for (let k = 0; k < list.length; k++) {
            const e = list[k] as Entry;
            const at = start - e.offset;
            if (at >= 0 && s.startsWith(e.needle, at)) hit(e.atom);
          }
        }
        a = b;
        b = c;
      }
    }
    for (const e of this.short) if (s.includes(e.needle)) hit(e.atom);
  }
}

interface FieldIndex {
  slot: number;
  exact: Map<string, number[]> | null;
  sub: NeedleIndex | null;
}

/** Candidate selection for one bucket of rules. */
export class Prefilter {
  private readonly always: number[] = [];
  private readonly fields: FieldIndex[] = [];
  private readonly atomRules: number[][] = [];
  private readonly atomStamp: Int32Array;
  private readonly ruleStamp: Int32Array;
  private epoch = 0;
  private out: number[] = [];
  private readonly hit: (atom: number) => void;

  /** `atomsPerRule[i]` are rule i's atoms (null: always evaluate). */
  constructor(atomsPerRule: (Atom[] | null)[]) {
    const ids = new Map<string, number>();
    const exact = new Map<number, Map<string, number[]>>();
    const subs = new Map<number, { needle: string; atom: number }[]>();
    atomsPerRule.forEach((atoms, rule) => {
      if (atoms === null) {
        this.always.push(rule);
        return;
      }
      for (const a of atoms) {
        const key = `${a.slot}\u0000${a.kind}\u0000${a.needle}`;
        let id = ids.get(key);
        if (id === undefined) {
          id = this.atomRules.length;
          ids.set(key, id);
          this.atomRules.push([]);
          if (a.kind === "eq") {
            const m = exact.get(a.slot) ?? new Map<string, number[]>();
            const list = m.get(a.needle) ?? [];
            list.push(id);
            m.set(a.needle, list);
            exact.set(a.slot, m);
          } else {
            const list = subs.get(a.slot) ?? [];
            list.push({ needle: a.needle, atom: id });
            subs.set(a.slot, list);
          }
        }
        const rules = this.atomRules[id] as number[];
        if (rules[rules.length - 1] !== rule) rules.push(rule);
      }
    });
    for (const slot of new Set([...exact.keys(), ...subs.keys()])) {
      const s = subs.get(slot);
      this.fields.push({
        slot,
        exact: exact.get(slot) ?? null,
        sub: s ? new NeedleIndex(s) : null,
      });
    }
    this.atomStamp = new Int32Array(this.atomRules.length);
    this.ruleStamp = new Int32Array(atomsPerRule.length);
    this.hit = (atom) => {
      if (this.atomStamp[atom] === this.epoch) return;
      this.atomStamp[atom] = this.epoch;
      for (const r of this.atomRules[atom] as number[]) {
        if (this.ruleStamp[r] !== this.epoch) {
          this.ruleStamp[r] = this.epoch;
          this.out.push(r);
        }
      }
    };
  }

  /** Rules that always need evaluation. */
  get alwaysCount(): number {
    return this.always.length;
  }

  private scan(f: FieldIndex, s: string): void {
    if (f.exact !== null) {
      const atoms = f.exact.get(s);
      if (atoms !== undefined) for (const a of atoms) this.hit(a);
    }
    if (f.sub !== null) f.sub.search(s, this.hit);
  }

  /** Indices of the rules to evaluate for the event in `ctx`, in ascending order. */
  candidates(ctx: EventContext): number[] {
    this.epoch++;
    this.out = [];
    for (const f of this.fields) {
      const v = ctx.lower(f.slot);
      if (v !== null) this.scan(f, v);
      else {
        const raw = ctx.get(f.slot);
        if (Array.isArray(raw)) {
          for (const e of raw) {
            const s = scalarString(e);
            if (s !== null) this.scan(f, s.toLowerCase());
          }
        }
      }
    }
    const out = this.out;
    for (const r of this.always) {
      if (this.ruleStamp[r] !== this.epoch) {
        this.ruleStamp[r] = this.epoch;
        out.push(r);
      }
    }
    if (out.length > 1) out.sort((a, b) => a - b);
    return out;
  }
}
