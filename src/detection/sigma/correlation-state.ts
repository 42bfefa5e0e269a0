/**
 * Streaming evaluation of correlation rules over rule matches.
 *
 * Windows slide: each group keeps the hits of the last `timespan`. A condition that only has
 * `gt`/`gte` (and every temporal correlation) is checked when a hit arrives; when it holds, the
 * correlation fires and the group starts afresh. A condition with `lt`, `lte`, `eq` or `neq` can
 * only be judged once the window is over: such groups use a window that opens with the group's
 * first hit and is judged when time passes its end (on a later hit, or `advance`/`flush`).
 * `value_percentile` is judged on arrival: the share (in percent) of the group's hits in the
 * window whose field value equals the new hit's value (`lte: 1` finds values rarer than 1%).
 */
import { conditionHolds, isUpward } from "./correlation-rule.js";
import type { CorrelationRule } from "./types.js";

/** Something a correlation counts: a rule match or a lower correlation's match. */
export interface CorrelationHit {
  /** Id of the rule or correlation that matched. */
  id: string;
  name?: string;
  time: number;
  get: (field: string) => unknown;
  /** Caller's reference to the event (for example its index). */
  ref: unknown;
}

/** A correlation that fired. */
export interface CorrelationMatch {
  correlation: CorrelationRule;
  /** group-by field → value. */
  group: Record<string, unknown>;
  /** The aggregate that met the condition (count, distinct values, sum, average, percent…). */
  value: number;
  /** Time of the hit that completed the correlation (ms since the epoch). */
  time: number;
  /** References of the contributing events (at most 1000). */
  refs: unknown[];
  /** Ids of the rules whose matches contributed. */
  rules: string[];
}

interface Item {
  t: number;
  v: unknown;
  ref: unknown;
  src: string;
}

interface Group {
  values: unknown[];
  items: Item[];
  head: number;
  start: number;
  counts: Map<string, number>;
  sum: number;
  n: number;
  steps: ({ start: number; refs: unknown[]; rules: string[] } | undefined)[];
}

const MAX_REFS = 1000;

/** The windows of one correlation rule, per group. */
export class CorrelationState {
  readonly groups = new Map<string, Group>();
  readonly upward: boolean;
  readonly positions = new Map<string, number[]>();

  constructor(readonly rule: CorrelationRule) {
    this.upward =
      rule.type === "temporal" ||
      rule.type === "temporal_ordered" ||
      rule.type === "value_percentile" ||
      isUpward(rule.condition);
    rule.rules.forEach((r, i) => {
      this.positions.set(
        r,
        [...(this.positions.get(r) ?? []), i].sort((a, b) => b - a),
      );
    });
  }

  private field(name: string, hit: CorrelationHit): string {
    const alias = this.rule.aliases[name];
    if (!alias) return name;
    return (hit.name !== undefined ? alias[hit.name] : undefined) ?? alias[hit.id] ?? name;
  }

  private valueOf(hit: CorrelationHit): unknown {
    const fields = this.rule.condition.field;
    if (!fields) return undefined;
    const vals = fields.map((f) => hit.get(this.field(f, hit)));
    if (vals.some((v) => v === undefined || v === null)) return undefined;
    return vals.length === 1 ? vals[0] : JSON.stringify(vals);
  }

  private metricKey(v: unknown): string {
    return typeof v === "string" ? v.toLowerCase() : JSON.stringify(v);
  }

  private newGroup(values: unknown[], t: number): Group {
    return { values, items: [], head: 0, start: t, counts: new Map(), sum: 0, n: 0, steps: [] };
  }

  private evict(g: Group, before: number): void {
    while (g.head < g.items.length && (g.items[g.head] as Item).t < before) {
      const it = g.items[g.head++] as Item;
      this.unaccount(g, it);
    }
    if (g.head > 1024 && g.head * 2 > g.items.length) {
      g.items = g.items.slice(g.head);
      g.head = 0;
    }
  }

  private account(g: Group, it: Item): void {
    const type = this.rule.type;
    if (type === "value_count" || type === "value_percentile" || type === "temporal") {
      const k = type === "temporal" ? it.src : this.metricKey(it.v);
      g.counts.set(k, (g.counts.get(k) ?? 0) + 1);
    } else if (type === "value_sum" || type === "value_avg") {
      g.sum += it.v as number;
    }
    g.n++;
  }

  private unaccount(g: Group, it: Item): void {
    const type = this.rule.type;
    if (type === "value_count" || type === "value_percentile" || type === "temporal") {
      const k = type === "temporal" ? it.src : this.metricKey(it.v);
      const c = (g.counts.get(k) ?? 1) - 1;
      if (c <= 0) g.counts.delete(k);
      else g.counts.set(k, c);
    } else if (type === "value_sum" || type === "value_avg") {
      g.sum -= it.v as number;
    }
    g.n--;
  }

  private metric(g: Group, last: Item | null): number {
    switch (this.rule.type) {
      case "event_count":
        return g.n;
      case "value_count":
      case "temporal":
        return g.counts.size;
      case "value_sum":
        return g.sum;
      case "value_avg":
        return g.n === 0 ? 0 : g.sum / g.n;
      case "value_percentile":
        return last === null || g.n === 0
          ? 100
          : (100 * (g.counts.get(this.metricKey(last.v)) ?? 0)) / g.n;
      default:
        return 0;
    }
  }

  private holds(value: number): boolean {
    const c = this.rule.condition;
    if (this.rule.type === "temporal" && !Object.keys(c).some((k) => k !== "field")) {
      return value >= new Set(this.rule.rules).size;
    }
    return conditionHolds(c, value);
  }

  private fire(key: string, g: Group, value: number, time: number): CorrelationMatch {
    const items = g.items.slice(g.head);
    const group: Record<string, unknown> = {};
    this.rule.groupBy.forEach((f, i) => {
      group[f] = g.values[i];
    });
    this.groups.delete(key);
    return {
      correlation: this.rule,
      group,
      value,
      time,
      refs: items.slice(-MAX_REFS).map((x) => x.ref),
      rules: [...new Set(items.map((x) => x.src))],
    };
  }

  /** Judges expired fixed windows (conditions with lt/lte/eq/neq). */
  expire(now: number, out: CorrelationMatch[]): void {
    for (const [key, g] of this.groups) {
      if (this.upward) {
        if (
          g.items.length - g.head === 0 &&
          g.steps.every((s) => !s || s.start < now - this.rule.timespanMs)
        ) {
          this.groups.delete(key);
        }
        continue;
      }
      if (now <= g.start + this.rule.timespanMs) continue;
      const value = this.metric(g, null);
      if (this.holds(value)) out.push(this.fire(key, g, value, g.start + this.rule.timespanMs));
      else this.groups.delete(key);
    }
  }

  private groupValues(hit: CorrelationHit): unknown[] {
    return this.rule.groupBy.map((f) => hit.get(this.field(f, hit)) ?? null);
  }

  /** The group a hit falls in (its group-by values, as `hit` keys them). */
  groupKey(hit: CorrelationHit): string {
    return JSON.stringify(this.groupValues(hit));
  }

  /**
   * One group's window as JSON (undefined when it has none: it never started, fired or
   * expired), for keeping it outside this process (correlation-shared.ts).
   */
  exportGroup(key: string): string | undefined {
    const g = this.groups.get(key);
    if (!g) return undefined;
    return JSON.stringify({
      ...g,
      items: g.items.slice(g.head),
      head: 0,
      counts: [...g.counts],
      steps: g.steps.map((s) => s ?? null),
    });
  }

  /** Puts back a group exported by `exportGroup`. */
  importGroup(key: string, json: string): void {
    const g = JSON.parse(json) as Omit<Group, "counts" | "steps"> & {
      counts: [string, number][];
      steps: (Group["steps"][number] | null)[];
    };
    this.groups.set(key, {
      ...g,
      counts: new Map(g.counts),
      steps: g.steps.map((s) => s ?? undefined),
    });
  }

  hit(hit: CorrelationHit, out: CorrelationMatch[]): void {
    const span = this.rule.timespanMs;
    const values = this.groupValues(hit);
    const key = JSON.stringify(values);
    let g = this.groups.get(key);
    if (g && !this.upward && hit.time > g.start + span) {
      const value = this.metric(g, null);
      if (this.holds(value)) out.push(this.fire(key, g, value, g.start + span));
      else this.groups.delete(key);
      g = undefined;
    }
    if (!g) {
      g = this.newGroup(values, hit.time);
      this.groups.set(key, g);
    }
    if (this.rule.type === "temporal_ordered") {
      this.ordered(key, g, hit, out);
      return;
    }
    let v: unknown;
    if (this.rule.type.startsWith("value_")) {
      v = this.valueOf(hit);
      if (v === undefined) return;
      if (this.rule.type === "value_sum" || this.rule.type === "value_avg") {
        v = typeof v === "number" ? v : Number(v);
        if (!Number.isFinite(v as number)) return;
      }
    }
    const item: Item = { t: hit.time, v, ref: hit.ref, src: hit.id };
    if (this.upward) this.evict(g, hit.time - span);
    g.items.push(item);
    this.account(g, item);
    if (!this.upward) return;
    const value = this.metric(g, item);
    if (this.holds(value)) out.push(this.fire(key, g, value, hit.time));
  }

  private ordered(key: string, g: Group, hit: CorrelationHit, out: CorrelationMatch[]): void {
    const span = this.rule.timespanMs;
    const n = this.rule.rules.length;
    const positions = [
      ...(this.positions.get(hit.id) ?? []),
      ...(hit.name !== undefined ? (this.positions.get(hit.name) ?? []) : []),
    ];
    for (let i = 0; i < n; i++) {
      const s = g.steps[i];
      if (s && s.start < hit.time - span) g.steps[i] = undefined;
    }
    for (const j of [...new Set(positions)].sort((a, b) => b - a)) {
      if (j === 0) {
        g.steps[0] = { start: hit.time, refs: [hit.ref], rules: [hit.id] };
      } else {
        const prev = g.steps[j - 1];
        if (!prev) continue;
        const cur = g.steps[j];
        if (!cur || cur.start <= prev.start) {
          g.steps[j] = {
            start: prev.start,
            refs: prev.refs.concat(hit.ref).slice(-MAX_REFS),
            rules: [...new Set([...prev.rules, hit.id])],
          };
        }
      }
      const done = g.steps[n - 1];
      if (j === n - 1 && done) {
        const group: Record<string, unknown> = {};
        this.rule.groupBy.forEach((f, i) => {
          group[f] = g.values[i];
        });
        this.groups.delete(key);
        out.push({
          correlation: this.rule,
          group,
          value: n,
          time: hit.time,
          refs: done.refs,
          rules: done.rules,
        });
        return;
      }
    }
  }
}
