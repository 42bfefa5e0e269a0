/**
 * The prefilter: from each rule's need (groups of atoms, see atoms.ts), an index that finds the
 * few rules worth evaluating for an event instead of running every rule of the logsource.
 *
 * - Exact atoms are one Map lookup of the field's lowercased value.
 * - Substring atoms are found in one pass over the value with a trigram table: each needle is
 *   filed under its rarest trigram and verified with `startsWith`, so the cost grows with the
 *   value's length, not with the number of needles.
 * - A rule becomes a candidate when every one of its groups has a hit.
 * - Self-tuning: after a warm-up, groups that hit most events (such as `Image|endswith: .exe`)
 *   are dropped from the index. Any subset of necessary groups is still necessary, so this only
 *   changes speed, never results.
 */
import { leafValues } from "../events/flatten.js";
import { AnchorTable } from "./anchor-table.js";
import { KEYWORD_SLOT } from "./atoms.js";
import type { EventContext } from "./context.js";
import { scalarString } from "./context.js";
import { NeedleIndex, TABLE, tri } from "./needle-index.js";
import type { Atom, Need } from "./types.js";

interface FieldIndex {
  slot: number;
  exact: Map<string, number[]> | null;
  prefix: AnchorTable | null;
  suffix: AnchorTable | null;
  sub: NeedleIndex | null;
  /** Atoms found in recently seen values (values repeat a lot: images, users, companies…). */
  memo: Map<string, number[]>;
}

/** Values remembered per field, and the longest value remembered. */
const MEMO_ENTRIES = 2048;
const MEMO_LENGTH = 512;

type Items = Map<number, { needle: string; atom: number }[]>;

function addItem(m: Items, slot: number, needle: string, atom: number): void {
  const list = m.get(slot);
  if (list) list.push({ needle, atom });
  else m.set(slot, [{ needle, atom }]);
}

/** Events seen before the prefilter drops its hot groups. */
const WARMUP = 2000;
/** Share of events above which a group is considered hot. */
const HOT = 0.2;

/**
 * Candidate selection for one bucket of rules. A rule is a candidate when each of its need
 * groups has an atom that occurs in the event (rules without groups are always candidates).
 */
export class Prefilter {
  private always: number[] = [];
  private fields: FieldIndex[] = [];
  /** Trigram counts of values seen during the warm-up. */
  private textFreq: Uint32Array | null = new Uint32Array(TABLE);
  private keywords: NeedleIndex | null = null;
  private keywordsFolded = false;
  private atomGroups: number[][] = [];
  private groupRules: number[][] = [];
  private groupKeys: string[] = [];
  private groupHits = new Int32Array(0);
  private needCount: Int32Array;
  private atomStamp = new Int32Array(0);
  private groupStamp = new Int32Array(0);
  private readonly ruleStamp: Int32Array;
  private readonly ruleHits: Int32Array;
  private epoch = 0;
  private events = 0;
  private tuned = false;
  private out: number[] = [];
  /** While set, atoms hit are also recorded here (memoisation of a field value's atoms). */
  private collect: number[] | null = null;
  private readonly hit: (atom: number) => void;

  /** `needs[i]` is rule i's necessary condition. */
  constructor(
    private readonly needs: Need[],
    private readonly selfTune = true,
  ) {
    this.needCount = new Int32Array(needs.length);
    this.ruleStamp = new Int32Array(needs.length);
    this.ruleHits = new Int32Array(needs.length);
    this.build(new Set());
    this.hit = (atom) => {
      const epoch = this.epoch;
      if (this.atomStamp[atom] === epoch) return;
      this.atomStamp[atom] = epoch;
      if (this.collect !== null) this.collect.push(atom);
      for (const g of this.atomGroups[atom] as number[]) {
        if (this.groupStamp[g] === epoch) continue;
        this.groupStamp[g] = epoch;
        (this.groupHits[g] as number)++;
        for (const r of this.groupRules[g] as number[]) {
          if (this.ruleStamp[r] !== epoch) {
            this.ruleStamp[r] = epoch;
            this.ruleHits[r] = 0;
          }
          if (++(this.ruleHits[r] as number) === this.needCount[r]) this.out.push(r);
        }
      }
    };
  }

  private build(drop: Set<string>): void {
    const atomIds = new Map<string, number>();
    const groupIds = new Map<string, number>();
    const exact = new Map<number, Map<string, number[]>>();
    const subs: Items = new Map();
    const prefixes: Items = new Map();
    const suffixes: Items = new Map();
    this.always = [];
    this.atomGroups = [];
    this.groupRules = [];
    this.groupKeys = [];
    const atomId = (a: Atom): number => {
      const key = `${a.slot}\u0000${a.kind}\u0000${a.needle}`;
      let id = atomIds.get(key);
      if (id !== undefined) return id;
      id = this.atomGroups.length;
      atomIds.set(key, id);
      this.atomGroups.push([]);
      if (a.kind === "eq") {
        const m = exact.get(a.slot) ?? new Map<string, number[]>();
        m.set(a.needle, [...(m.get(a.needle) ?? []), id]);
        exact.set(a.slot, m);
      } else if (a.kind === "prefix" && a.needle.length >= 3)
        addItem(prefixes, a.slot, a.needle, id);
      else if (a.kind === "suffix" && a.needle.length >= 3) addItem(suffixes, a.slot, a.needle, id);
      else addItem(subs, a.slot, a.needle, id);
      return id;
    };
    const groupKey = (g: Atom[]) =>
      [...new Set(g.map((a) => `${a.slot}\u0000${a.kind}\u0000${a.needle}`))].sort().join("\u0001");
    this.needs.forEach((need, rule) => {
      const groups = new Set<number>();
      // Hot groups are left out, unless all of a rule's groups are hot: together they may still
      // be selective, and evaluating the rule for every event would cost more.
      const keys = need.map(groupKey);
      const allHot = keys.every((k) => drop.has(k));
      need.forEach((g, gi) => {
        const key = keys[gi] as string;
        if (drop.has(key) && !allHot) return;
        let gid = groupIds.get(key);
        if (gid === undefined) {
          gid = this.groupRules.length;
          groupIds.set(key, gid);
          this.groupRules.push([]);
          this.groupKeys.push(key);
          for (const a of new Set(g.map(atomId))) (this.atomGroups[a] as number[]).push(gid);
        }
        groups.add(gid);
      });
      if (groups.size === 0) this.always.push(rule);
      for (const gid of groups) (this.groupRules[gid] as number[]).push(rule);
      this.needCount[rule] = groups.size;
    });
    this.fields = [];
    this.keywords = null;
    const slots = new Set([
      ...exact.keys(),
      ...subs.keys(),
      ...prefixes.keys(),
      ...suffixes.keys(),
    ]);
    for (const slot of slots) {
      const s = subs.get(slot);
      const freq = this.tuned ? (this.textFreq ?? undefined) : undefined;
      if (slot === KEYWORD_SLOT) {
        this.keywords = s ? new NeedleIndex(s, freq) : null;
        this.keywordsFolded = this.keywords?.foldable ?? false;
        continue;
      }
      const pre = prefixes.get(slot);
      const suf = suffixes.get(slot);
      this.fields.push({
        slot,
        exact: exact.get(slot) ?? null,
        prefix: pre ? new AnchorTable(pre, false) : null,
        suffix: suf ? new AnchorTable(suf, true) : null,
        sub: s ? new NeedleIndex(s, freq) : null,
        memo: new Map(),
      });
    }
    this.atomStamp = new Int32Array(this.atomGroups.length);
    this.groupStamp = new Int32Array(this.groupRules.length);
    this.groupHits = new Int32Array(this.groupRules.length);
    this.epoch++;
  }

  /** Drops the groups that hit most events during the warm-up. */
  private tune(): void {
    this.tuned = true;
    const drop = new Set<string>();
    this.groupKeys.forEach((k, g) => {
      if ((this.groupHits[g] as number) > this.events * HOT) drop.add(k);
    });
    this.build(drop);
    this.textFreq = null;
  }

  private sample(s: string): void {
    const freq = this.textFreq as Uint32Array;
    for (let i = 2; i < s.length; i++) {
      const h = tri(s.charCodeAt(i - 2), s.charCodeAt(i - 1), s.charCodeAt(i));
      freq[h] = (freq[h] as number) + 1;
    }
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
    if (f.prefix !== null) f.prefix.search(s, this.hit);
    if (f.suffix !== null) f.suffix.search(s, this.hit);
    if (f.sub !== null) {
      if (!this.tuned && this.textFreq !== null && (this.events & 3) === 0) this.sample(s);
      f.sub.search(s, this.hit, this.atomStamp, this.epoch);
    }
  }

  /**
   * Scans a field value, or replays the atoms found when the same value was seen before. (A
   * value's atoms depend only on the value: atoms belong to one field, and the "already seen"
   * shortcut of the needle search can only skip atoms of this same value.)
   */
  private scanMemo(f: FieldIndex, raw: string, ctx: EventContext): void {
    const known = f.memo.get(raw);
    if (known !== undefined) {
      for (let i = 0; i < known.length; i++) this.hit(known[i] as number);
      return;
    }
    const found: number[] = [];
    this.collect = found;
    this.scan(f, ctx.lower(f.slot) as string);
    this.collect = null;
    if (f.memo.size >= MEMO_ENTRIES) f.memo.clear();
    f.memo.set(raw, found);
  }

  /**
   * Indices of the rules whose groups all hit for the event in `ctx` (in no particular order;
   * the `alwaysRules` come on top). The array is reused by the next call.
   */
  candidates(ctx: EventContext): number[] {
    if (this.selfTune && !this.tuned && ++this.events > WARMUP) this.tune();
    this.epoch++;
    this.out.length = 0;
    for (const f of this.fields) {
      const raw0 = ctx.get(f.slot);
      if (typeof raw0 === "string" && raw0.length <= MEMO_LENGTH) {
        this.scanMemo(f, raw0, ctx);
        continue;
      }
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
    if (this.keywords !== null) this.scanKeywords(ctx, this.keywords);
    return this.out;
  }

  /** Rules evaluated for every event of the bucket. */
  get alwaysRules(): readonly number[] {
    return this.always;
  }

  private scanKeywords(ctx: EventContext, kw: NeedleIndex): void {
    if (!this.keywordsFolded) {
      for (const s of ctx.keywordValues(kw.minLength)) {
        kw.search(s, this.hit, this.atomStamp, this.epoch);
      }
      return;
    }
    const leaves = leafValues(ctx.fields);
    if (leaves !== undefined) {
      for (let i = 0; i < leaves.length; i++) this.scanLeaf(kw, leaves[i]);
      return;
    }
    const fields = ctx.fields;
    for (const k in fields) {
      const v = fields[k];
      if (Array.isArray(v)) for (const e of v) this.scanLeaf(kw, e);
      else this.scanLeaf(kw, v);
    }
  }

  private scanLeaf(kw: NeedleIndex, v: unknown): void {
    if (typeof v === "string") {
      if (v.length >= kw.minLength) kw.searchFolded(v, this.hit, this.atomStamp, this.epoch);
    } else if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") {
      // Small non-negative integers have fewer digits than the shortest keyword.
      if (typeof v === "number" && v >= 0 && v < 10 ** (kw.minLength - 1) && Number.isInteger(v)) {
        return;
      }
      const s = String(v);
      if (s.length >= kw.minLength) kw.search(s, this.hit, this.atomStamp, this.epoch);
    }
  }
}
