import type { Obligation } from "../documents/plan.schema.js";
import type {
  ClockState,
  DeadlineState,
  NotificationChannel,
  StartEvent,
} from "../domain/clock-states.js";
import { type ConditionFacts, conditionHolds } from "../domain/condition-check.js";
import { DEFAULT_TIME_ZONE, type DeadlineSpec, deadlineDue } from "./deadline-due.js";

/**
 * Regulatory clocks: what an obligation of the plan means for one incident right now.
 * Pure: the caller passes the incident's facts, what was recorded, and `now`. See
 * docs/compliance.md for the model and its conventions.
 */

export type { ClockState, DeadlineState, StartEvent };

/** An instant as a Date or as ISO 8601 text (the store keeps UTC text). */
export type Instant = Date | string;

/** What the clocks need to know about an incident. */
export interface ClockFacts extends ConditionFacts {
  /** When each start event happened; absent or null means it has not been recorded (yet). */
  events: Partial<Record<StartEvent, Instant | null>>;
}

/** A notification sent to fulfil a deadline: to whom, when, and the regulator's reference. */
export interface RecordedNotification {
  deadline_id: string;
  sent_at: Instant;
  recipient: string;
  reference?: string | null;
  channel?: NotificationChannel | null;
}

/** A clock stopped on purpose, e.g. "breach unlikely to result in a risk" (GDPR Art. 33(1)). */
export interface ClockStop {
  reason: string;
  at: Instant;
}

/** What was recorded against one obligation on one incident. */
export interface ClockRecord {
  notifications?: readonly RecordedNotification[];
  stop?: ClockStop | null;
}

/**
 * When an open deadline counts as due soon: the last `fraction` of its span, but never more than
 * `max_ms` before it is due — a quarter of 72 h is 18 h, a quarter of 60 days would be 15 days of
 * warnings nobody reads, so it is capped at 24 h.
 */
export interface WarningWindow {
  fraction: number;
  max_ms: number;
}

export const DEFAULT_WARNING_WINDOW: Readonly<WarningWindow> = Object.freeze({
  fraction: 0.25,
  max_ms: 24 * 3_600_000,
});

export interface ClockOptions {
  now: Date;
  /** The plan's severity ids, lowest first, so that `severity >= emergency` can be evaluated. */
  severities: readonly string[];
  warning?: Partial<WarningWindow>;
  /** Time zone for deadlines that name none; default UTC. */
  defaultTimeZone?: string;
}

/** One way a deadline is counted (`earliest_of` alternative, or the deadline's own span). */
export interface DeadlineAlternativeStatus {
  /** The start event it counts from; null when it counts `from` a deadline. */
  start: StartEvent | null;
  /** The deadline it counts from once that is met; null when it counts from a start event. */
  from: string | null;
  counts_from: string | null;
  /** Null while its start event has no time, or its `from` deadline is not met. */
  due_at: string | null;
  /** This alternative's due time is the earliest known: it sets the deadline's `due_at`. */
  governs: boolean;
}

export interface DeadlineStatus {
  id: string;
  name: string;
  /** The instant the governing alternative counts from (a start event, or the met time of its `from`). */
  counts_from: string | null;
  due_at: string | null;
  /** From this instant an open deadline is `due_soon`. */
  warn_at: string | null;
  state: DeadlineState;
  /** `due_at - now` while open (negative when overdue); null once met, stopped or unknown. */
  time_left_ms: number | null;
  /** How far past due it was when met, stopped, or now if still open; null when not late. */
  late_by_ms: number | null;
  /** The first notification's time. */
  met_at: string | null;
  /** The deadline id this one counts from while that one is not met yet. */
  waiting_for: string | null;
  /** The first notification recorded for this deadline. */
  notification: {
    sent_at: string;
    recipient: string;
    reference: string | null;
    channel: NotificationChannel | null;
  } | null;
  /** Every way the deadline is counted; the earliest known due time governs. */
  alternatives: DeadlineAlternativeStatus[];
}

export interface ClockStatus {
  obligation_id: string;
  regulation: string;
  recipient: string;
  applies: boolean;
  state: ClockState;
  /** The obligation's `clock_start`: the event deadlines count from unless they name another. */
  start_event: StartEvent;
  /** The earliest recorded time among the start events the obligation's deadlines count from. */
  started_at: string | null;
  /** The start event the clock waits for when it applies but has not started. */
  waiting_for: StartEvent | null;
  stopped: { reason: string; at: string } | null;
  /** The earliest due time among open deadlines, for sorting clocks by urgency. */
  next_due_at: string | null;
  deadlines: DeadlineStatus[];
}

function toDate(value: Instant, what: string): Date {
  const d = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError(`${what} is not a valid instant: ${value}`);
  return d;
}

/** Whether the obligation's trigger holds for the incident's severity, type and attributes. */
export function obligationApplies(
  obligation: Obligation,
  facts: ConditionFacts,
  severities: readonly string[],
): boolean {
  return conditionHolds(obligation.trigger, facts, severities);
}

/** The earliest notification per deadline id: the moment a deadline was met. */
function firstNotifications(
  notifications: readonly RecordedNotification[],
): Map<string, { at: Date; n: RecordedNotification }> {
  const first = new Map<string, { at: Date; n: RecordedNotification }>();
  for (const n of notifications) {
    const at = toDate(n.sent_at, `notification for '${n.deadline_id}'`);
    const seen = first.get(n.deadline_id);
    if (!seen || at < seen.at) first.set(n.deadline_id, { at, n });
  }
  return first;
}

interface DeadlineContext {
  applies: boolean;
  /** The obligation's default start event. */
  clockStart: StartEvent;
  events: ClockFacts["events"];
  stop: { reason: string; at: Date } | null;
  met: Map<string, { at: Date; n: RecordedNotification }>;
  options: ClockOptions;
}

/** A deadline's alternatives as specs `deadlineDue` takes: its own span, or each of `earliest_of`. */
function alternativesOf(spec: DeadlineSpec): DeadlineSpec[] {
  if (!spec.earliest_of) return [spec];
  return spec.earliest_of.map((alt) => ({
    ...alt,
    id: spec.id,
    name: spec.name,
    time_zone: alt.time_zone ?? spec.time_zone,
    calendar: alt.calendar ?? spec.calendar,
  }));
}

function eventTime(ctx: DeadlineContext, event: StartEvent): Date | null {
  const value = ctx.events[event];
  return value == null ? null : toDate(value, `${event} time`);
}

interface Counted {
  spec: DeadlineSpec;
  base: Date | null;
  due: Date | null;
}

/** Each alternative's base and due time; unknown bases give no due time. */
function countAlternatives(spec: DeadlineSpec, ctx: DeadlineContext): Counted[] {
  return alternativesOf(spec).map((alt) => {
    const base = alt.from
      ? (ctx.met.get(alt.from)?.at ?? null)
      : eventTime(ctx, alt.start ?? ctx.clockStart);
    const due = base ? deadlineDue(alt, base, ctx.options.defaultTimeZone) : null;
    return { spec: alt, base, due };
  });
}

function deadlineStatus(spec: DeadlineSpec, ctx: DeadlineContext): DeadlineStatus {
  const { now } = ctx.options;
  const met = ctx.met.get(spec.id);
  const counted = countAlternatives(spec, ctx);
  // The earliest known due time governs ("whichever comes first"); ties go to the first listed.
  const governing = counted.reduce<Counted | null>(
    (best, c) => (c.due && (!best?.due || c.due < best.due) ? c : best),
    null,
  );
  const base = governing?.base ?? null;
  const due = governing?.due ?? null;
  const window = { ...DEFAULT_WARNING_WINDOW, ...ctx.options.warning };
  const warn = due && base ? warningStart(base, due, window) : null;
  const lateAt = (t: Date) => (due && t > due ? t.getTime() - due.getTime() : null);

  let state: DeadlineState;
  let late: number | null = null;
  if (!ctx.applies) state = "not_applicable";
  else if (met) {
    late = lateAt(met.at);
    state = late === null ? "met" : "met_late";
  } else if (ctx.stop) {
    late = lateAt(ctx.stop.at);
    state = "stopped";
  } else if (!due || !warn) state = "waiting";
  else if (now > due) {
    late = lateAt(now);
    state = "overdue";
  } else state = now >= warn ? "due_soon" : "pending";

  const open = state === "pending" || state === "due_soon" || state === "overdue";
  const awaited = counted.find((c) => c.spec.from && !ctx.met.has(c.spec.from))?.spec.from;
  return {
    id: spec.id,
    name: spec.name,
    counts_from: base?.toISOString() ?? null,
    due_at: due?.toISOString() ?? null,
    warn_at: warn?.toISOString() ?? null,
    state,
    time_left_ms: open && due ? due.getTime() - now.getTime() : null,
    late_by_ms: late,
    met_at: met?.at.toISOString() ?? null,
    waiting_for: state === "waiting" && awaited ? awaited : null,
    notification: met
      ? {
          sent_at: met.at.toISOString(),
          recipient: met.n.recipient,
          reference: met.n.reference ?? null,
          channel: met.n.channel ?? null,
        }
      : null,
    alternatives: counted.map((c) => ({
      start: c.spec.from ? null : (c.spec.start ?? ctx.clockStart),
      from: c.spec.from ?? null,
      counts_from: c.base?.toISOString() ?? null,
      due_at: c.due?.toISOString() ?? null,
      governs: c === governing,
    })),
  };
}

/**
 * The start events an obligation's deadlines count from: each one's own `start`, else its
 * `clock_start` (deadlines counting `from` another use none of their own).
 */
export function startEvents(obligation: Obligation): StartEvent[] {
  const events = new Set<StartEvent>();
  for (const d of obligation.deadlines)
    for (const alt of d.earliest_of ?? [d])
      if (alt.start || !alt.from) events.add(alt.start ?? obligation.clock_start);
  return events.size > 0 ? [...events] : [obligation.clock_start];
}

/** The instant from which a deadline spanning `base`..`due` is due soon. */
export function warningStart(base: Date, due: Date, window: WarningWindow): Date {
  const span = Math.max(0, due.getTime() - base.getTime());
  return new Date(due.getTime() - Math.min(span * window.fraction, window.max_ms));
}

function clockState(
  applies: boolean,
  stopped: boolean,
  started: boolean,
  deadlines: DeadlineStatus[],
): ClockState {
  if (!applies) return "not_applicable";
  if (stopped) return "stopped";
  if (!started) return "waiting";
  const states = new Set(deadlines.map((d) => d.state));
  if (states.has("overdue")) return "overdue";
  if (states.has("due_soon")) return "due_soon";
  if (deadlines.every((d) => d.state === "met" || d.state === "met_late")) return "met";
  return "running";
}

/**
 * The clock of one obligation for one incident at `options.now`: whether it applies, when it
 * started (or which event it waits for), and each deadline's due time and state.
 */
export function computeClock(
  obligation: Obligation,
  facts: ClockFacts,
  record: ClockRecord,
  options: ClockOptions,
): ClockStatus {
  const applies = obligationApplies(obligation, facts, options.severities);
  const starts = startEvents(obligation)
    .flatMap((e) => {
      const v = facts.events[e];
      return v == null ? [] : [toDate(v, `${e} time`)];
    })
    .sort((a, b) => a.getTime() - b.getTime());
  const startedAt = starts[0] ?? null;
  const stop = record.stop
    ? { reason: record.stop.reason, at: toDate(record.stop.at, "stop time") }
    : null;
  const ctx: DeadlineContext = {
    applies,
    clockStart: obligation.clock_start,
    events: facts.events,
    stop,
    met: firstNotifications(record.notifications ?? []),
    options: { defaultTimeZone: DEFAULT_TIME_ZONE, ...options },
  };
  const deadlines = obligation.deadlines.map((d) => deadlineStatus(d, ctx));
  const open = deadlines
    .filter((d) => d.time_left_ms !== null && d.due_at)
    .map((d) => d.due_at as string)
    .sort();
  return {
    obligation_id: obligation.id,
    regulation: obligation.regulation,
    recipient: obligation.recipient,
    applies,
    state: clockState(applies, stop !== null, startedAt !== null, deadlines),
    start_event: obligation.clock_start,
    started_at: startedAt?.toISOString() ?? null,
    waiting_for: applies && !startedAt && !stop ? obligation.clock_start : null,
    stopped: stop ? { reason: stop.reason, at: stop.at.toISOString() } : null,
    next_due_at: open[0] ?? null,
    deadlines,
  };
}

/** Every obligation's clock for one incident; `records` is keyed by obligation id. */
export function computeClocks(
  obligations: readonly Obligation[],
  facts: ClockFacts,
  records: Readonly<Record<string, ClockRecord | undefined>>,
  options: ClockOptions,
): ClockStatus[] {
  return obligations.map((o) => computeClock(o, facts, records[o.id] ?? {}, options));
}
