/**
 * The Sigma engine: classifies each event by logsource, picks the rule bucket for that
 * classification (built once per distinct classification), asks the bucket's prefilter which
 * rules can possibly match, and evaluates only those. `process` adds correlation rules on top.
 */

import { eventTime } from "../events/event-time.js";
import { flattenEvent } from "../events/flatten.js";
import { isNormalizedEvent, type NormalizedEvent } from "../events/normalize.js";
import { EventContext, type FlatEvent } from "./context.js";
import { CorrelationEngine, type CorrelationMatch } from "./correlation.js";
import {
  applyFieldMaps,
  type Classification,
  defaultMapping,
  LogsourceClassifier,
  type LogsourceMapping,
  logsourceApplies,
} from "./logsource.js";
import { Prefilter } from "./prefilter.js";
import type { RuleSet } from "./ruleset.js";
import type { CompiledRule, CorrelationRule, Logsource, RuleMatch } from "./types.js";

/** Engine options. */
export interface EngineOptions {
  /** Logsource mapping (default: the built-in Windows/Sysmon/ECS/cloud mapping). */
  mapping?: LogsourceMapping;
  /**
   * When true, a logsource dimension the event does not reveal matches no rule that names it.
   * When false (default), an unknown dimension matches any rule, so events of unknown shape are
   * checked against every rule whose other attributes fit.
   */
  strictLogsource?: boolean;
  /** Treat every event as having this logsource (skips classification). */
  logsource?: Logsource;
  /** Add `matched_fields` to matches (costs a second look at the matching rule only). */
  explain?: boolean;
  /**
   * Use the literal-text prefilter (default true). Turning it off evaluates every rule of the
   * event's logsource; results are the same, only slower (tests compare both).
   */
  prefilter?: boolean;
}

/** What `process` returns for one event. */
export interface ProcessResult {
  /** Standalone rule matches (rules only referenced by correlations are not listed). */
  matches: RuleMatch[];
  /** Correlations completed by this event (or by windows that ended before it). */
  correlations: CorrelationMatch[];
}

/** Plain data (crosses threads and processes): what one event gives the correlation windows. */
export interface CorrelationInput {
  /** Event time (ms since the epoch). */
  time: number;
  /** The caller's reference to the event (appears in `CorrelationMatch.refs`). */
  ref: unknown;
  /** The event's matches of rules some correlation consumes, with the field values those read. */
  hits: { id: string; name?: string; values: Record<string, unknown> }[];
}

/** Per-event input: a raw JSON event or one already normalised. */
export type EngineEvent = NormalizedEvent | Record<string, unknown>;

interface Bucket {
  rules: CompiledRule[];
  prefilter: Prefilter;
}

/** Evaluates compiled Sigma rules against events. Not re-entrant: use one per worker. */
export class SigmaEngine {
  readonly rules: CompiledRule[];
  private readonly classifier: LogsourceClassifier;
  private readonly buckets = new Map<string, Bucket>();
  private readonly ctx: EventContext;
  private readonly correlations: CorrelationEngine;
  /** The correlation rules whose windows this engine runs. */
  readonly correlationRules: CorrelationRule[];
  /** Rule index → fields its consuming correlations read (built on first match). */
  private readonly reads = new Map<number, string[]>();
  private readonly strict: boolean;
  private readonly explain: boolean;
  private readonly usePrefilter: boolean;

  constructor(ruleset: RuleSet, options: EngineOptions = {}) {
    this.rules = ruleset.rules;
    this.classifier = new LogsourceClassifier(
      options.mapping ?? defaultMapping(),
      options.logsource,
    );
    this.ctx = new EventContext(ruleset.registry);
    this.correlations = new CorrelationEngine(ruleset.correlations);
    this.correlationRules = ruleset.correlations;
    this.strict = options.strictLogsource ?? false;
    this.explain = options.explain ?? false;
    this.usePrefilter = options.prefilter ?? true;
  }

  /** Flat fields of an event (Windows/ECS/nested JSON flattened). */
  fieldsOf(event: EngineEvent): FlatEvent {
    return isNormalizedEvent(event) ? event.fields : flattenEvent(event);
  }

  /** The logsource classification of an event's flat fields. */
  classify(fields: FlatEvent): Classification {
    return this.classifier.classify(fields);
  }

  private bucket(c: Classification): Bucket {
    let b = this.buckets.get(c.key);
    if (b === undefined) {
      const rules = this.rules.filter((r) => logsourceApplies(r.logsource, c, this.strict));
      const needs = rules.map((r) => (this.usePrefilter ? r.need : []));
      b = { rules, prefilter: new Prefilter(needs) };
      this.buckets.set(c.key, b);
    }
    return b;
  }

  /** Number of rules the event's logsource selects, and how many of them have no prefilter atom. */
  bucketStats(event: EngineEvent): { rules: number; unindexed: number } {
    const fields = this.fieldsOf(event);
    const b = this.bucket(this.classify(fields));
    return { rules: b.rules.length, unindexed: b.prefilter.alwaysCount };
  }

  private evaluate(fields: FlatEvent, standaloneOnly: boolean): RuleMatch[] {
    const cls = this.classifier.classify(fields);
    if (cls.fieldMaps.length > 0) applyFieldMaps(fields, cls.fieldMaps);
    const b = this.bucket(cls);
    const ctx = this.ctx;
    ctx.reset(fields);
    const out: RuleMatch[] = [];
    const rules = b.rules;
    const cands = b.prefilter.candidates(ctx);
    const always = b.prefilter.alwaysRules;
    const n = cands.length;
    for (let k = 0, total = n + always.length; k < total; k++) {
      const r = rules[k < n ? (cands[k] as number) : (always[k - n] as number)] as CompiledRule;
      if ((r.standalone || !standaloneOnly) && r.test(ctx)) {
        out.push(this.explain ? { rule: r, matched_fields: r.explain(ctx) } : { rule: r });
      }
    }
    // Rule order, so that results do not depend on the prefilter.
    if (out.length > 1) out.sort((x, y) => x.rule.index - y.rule.index);
    return out;
  }

  /** Standalone rules matching one event. */
  match(event: EngineEvent): RuleMatch[] {
    return this.evaluate(this.fieldsOf(event), true);
  }

  /**
   * Streaming evaluation with correlations: returns the event's standalone matches and the
   * correlations it completes. `time` (ms) defaults to the event's own timestamp; an event with
   * neither (or `time: null`) gets its standalone matches but is not counted in any correlation
   * window, which must never run on a made-up time. `ref` identifies the event in correlation
   * results (for example its index). Same as `matchEvent` followed by `correlate`.
   */
  process(event: EngineEvent, opts: { time?: number | null; ref?: unknown } = {}): ProcessResult {
    const { matches, correlation } = this.matchEvent(event, opts);
    return {
      matches,
      correlations: correlation === undefined ? [] : this.correlate(correlation),
    };
  }

  /**
   * The stateless half of `process`: the event's standalone matches and what it gives the
   * correlation windows, as plain data, so that matching can run on another thread than the
   * windows. `correlation` is undefined when the event has no time, there are no correlation
   * rules, or it matched only rules no correlation reads (such an event has never moved the
   * windows: they advance on correlation hits and on events that match nothing).
   */
  matchEvent(
    event: EngineEvent,
    opts: { time?: number | null; ref?: unknown } = {},
  ): { matches: RuleMatch[]; correlation?: CorrelationInput } {
    const fields = this.fieldsOf(event);
    const time =
      opts.time === undefined
        ? isNormalizedEvent(event)
          ? event.time
          : eventTime(fields)
        : (opts.time ?? undefined);
    const all = this.evaluate(fields, false);
    const matches: RuleMatch[] = [];
    const hits: CorrelationInput["hits"] = [];
    for (const m of all) {
      if (m.rule.standalone) matches.push(m);
      if (time === undefined) continue;
      const read = this.correlationReads(m.rule);
      if (read === undefined) continue;
      const values: Record<string, unknown> = {};
      for (const f of read) if (fields[f] !== undefined) values[f] = fields[f];
      hits.push({
        id: m.rule.id,
        ...(m.rule.name !== undefined ? { name: m.rule.name } : {}),
        values,
      });
    }
    if (time === undefined || this.correlations.empty || (all.length > 0 && hits.length === 0))
      return { matches };
    return { matches, correlation: { time, ref: opts.ref, hits } };
  }

  /**
   * The stateful half of `process`: feeds one event's correlation hits to the windows (in event
   * order; a hit-less input only lets time pass) and returns the correlations completed.
   */
  correlate(input: CorrelationInput): CorrelationMatch[] {
    const out: CorrelationMatch[] = [];
    if (input.hits.length === 0) out.push(...this.correlations.tick(input.time));
    for (const h of input.hits) {
      out.push(
        ...this.correlations.hit({
          id: h.id,
          ...(h.name !== undefined ? { name: h.name } : {}),
          time: input.time,
          get: (f) => h.values[f],
          ref: input.ref,
        }),
      );
    }
    return out.filter((c) => c.correlation.standalone);
  }

  /** Fields the correlations consuming this rule read, or undefined when none consumes it. */
  private correlationReads(rule: CompiledRule): string[] | undefined {
    if (!this.correlations.consumes(rule.id, rule.name)) return undefined;
    let read = this.reads.get(rule.index);
    if (read === undefined) {
      read = fieldsReadBy(this.correlationRules, rule);
      this.reads.set(rule.index, read);
    }
    return read;
  }

  /** Judges correlation windows still open (call at the end of a stream). */
  flush(now = Number.POSITIVE_INFINITY): CorrelationMatch[] {
    return this.correlations.advance(now).filter((c) => c.correlation.standalone);
  }
}

/**
 * The event fields the correlations consuming `rule` read: group-by and condition fields, under
 * their own names and every alias target (an alias may name a different field per rule).
 */
function fieldsReadBy(correlations: CorrelationRule[], rule: CompiledRule): string[] {
  const read = new Set<string>();
  for (const c of correlations) {
    if (!c.rules.includes(rule.id) && !(rule.name !== undefined && c.rules.includes(rule.name)))
      continue;
    for (const f of [...c.groupBy, ...(c.condition.field ?? [])]) {
      read.add(f);
      for (const target of Object.values(c.aliases[f] ?? {})) read.add(target);
    }
  }
  return [...read];
}
