/**
 * Streaming evaluation of correlation rules: routes rule matches to the correlations that use
 * them (see correlation-state.ts for the window semantics) and feeds chained correlations with
 * their children's matches.
 */
import {
  type CorrelationHit,
  type CorrelationMatch,
  CorrelationState,
} from "./correlation-state.js";
import type { CorrelationRule } from "./types.js";

export type { CorrelationHit, CorrelationMatch } from "./correlation-state.js";

/** Runs a set of correlations; chained correlations receive their children's matches. */
export class CorrelationEngine {
  private readonly states: CorrelationState[];
  /** rule or correlation id/name → states that consume it. */
  private readonly consumers: Map<string, CorrelationState[]>;
  private nextSweep = Number.NEGATIVE_INFINITY;
  private readonly sweepEvery: number;

  constructor(correlations: CorrelationRule[]) {
    this.states = correlations.map((c) => new CorrelationState(c));
    this.consumers = consumersOf(this.states);
    const minSpan = Math.min(...correlations.map((c) => c.timespanMs), 60_000);
    this.sweepEvery = Math.max(1000, minSpan / 10);
  }

  /** True when some correlation consumes matches of this rule (by id or name). */
  consumes(id: string, name?: string): boolean {
    return this.consumers.has(id) || (name !== undefined && this.consumers.has(name));
  }

  /** Feeds a rule match; returns the correlations it completed (including chained ones). */
  hit(hit: CorrelationHit): CorrelationMatch[] {
    const out: CorrelationMatch[] = [];
    this.advanceInto(hit.time, out);
    this.feed(hit, out, 0);
    return out;
  }

  private feed(hit: CorrelationHit, out: CorrelationMatch[], depth: number): void {
    if (depth > 16) return;
    const states = new Set([
      ...(this.consumers.get(hit.id) ?? []),
      ...(hit.name !== undefined ? (this.consumers.get(hit.name) ?? []) : []),
    ]);
    for (const s of states) {
      const fired: CorrelationMatch[] = [];
      s.hit(hit, fired);
      for (const m of fired) {
        out.push(m);
        this.feed(matchAsHit(m), out, depth + 1);
      }
    }
  }

  private advanceInto(now: number, out: CorrelationMatch[]): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + this.sweepEvery;
    for (const s of this.states) {
      const fired: CorrelationMatch[] = [];
      s.expire(now, fired);
      for (const m of fired) {
        out.push(m);
        this.feed(matchAsHit(m), out, 1);
      }
    }
  }

  /** True when there are no correlations at all. */
  get empty(): boolean {
    return this.states.length === 0;
  }

  /** Cheap periodic check of ended windows as time passes (sweeps at most every few seconds). */
  tick(now: number): CorrelationMatch[] {
    const out: CorrelationMatch[] = [];
    this.advanceInto(now, out);
    return out;
  }

  /** Judges windows that ended before `now` (call with the current time, or Infinity at the end). */
  advance(now: number): CorrelationMatch[] {
    const out: CorrelationMatch[] = [];
    this.nextSweep = Number.NEGATIVE_INFINITY;
    this.advanceInto(now, out);
    return out;
  }
}

/** Rule or correlation id/name → the states of the correlations that consume its matches. */
export function consumersOf(states: CorrelationState[]): Map<string, CorrelationState[]> {
  const consumers = new Map<string, CorrelationState[]>();
  for (const s of states) {
    for (const r of new Set(s.rule.rules)) {
      const list = consumers.get(r) ?? [];
      list.push(s);
      consumers.set(r, list);
    }
  }
  return consumers;
}

/** A correlation's match as a hit for the correlations chained on it. */
export function matchAsHit(m: CorrelationMatch): CorrelationHit {
  return {
    id: m.correlation.id,
    ...(m.correlation.name !== undefined ? { name: m.correlation.name } : {}),
    time: m.time,
    get: (f) => m.group[f],
    ref: m.refs[m.refs.length - 1],
  };
}
