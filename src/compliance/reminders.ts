import type { ClockStatus, DeadlineStatus } from "./clocks.js";

/**
 * When to remind people of an open regulatory deadline. The escalation engine turns each
 * reminder into a durable job; these functions only say when, so they stay pure and testable.
 *
 * Reminders fire at fixed fractions of the deadline's span (counts_from → due_at), at the due
 * time, and then repeatedly while overdue. The overdue interval defaults to a quarter of the
 * span, at least 1 h and at most 24 h: a 4-hour DORA deadline nags hourly, a 60-day HIPAA one
 * daily.
 */

export interface ReminderOptions {
  /** Fractions of the span elapsed at which to remind before the due time; default 0.5, 0.75, 0.9. */
  fractions?: readonly number[];
  /** Time between overdue reminders; default a quarter of the span within [1 h, 24 h]. */
  overdue_every_ms?: number;
  /** How many overdue reminders `reminderTimes` lists (`nextReminder` has no limit); default 3. */
  overdue_count?: number;
}

/** `info` early on, `warning` from three quarters of the span, `critical` from the due time. */
export type ReminderUrgency = "info" | "warning" | "critical";

export interface Reminder {
  deadline_id: string;
  at: string;
  kind: "approaching" | "due" | "overdue";
  /** Elapsed share of the span at `at`: 0.5 half-way, 1 at the due time, above 1 when overdue. */
  elapsed: number;
  urgency: ReminderUrgency;
}

/** The parts of a deadline's status that reminders depend on. */
export type RemindableDeadline = Pick<DeadlineStatus, "id" | "state" | "counts_from" | "due_at">;

export const DEFAULT_REMINDER_FRACTIONS: readonly number[] = Object.freeze([0.5, 0.75, 0.9]);

const HOUR_MS = 3_600_000;

function span(deadline: RemindableDeadline): { from: number; due: number } | null {
  const open = ["pending", "due_soon", "overdue"].includes(deadline.state);
  if (!open || !deadline.counts_from || !deadline.due_at) return null;
  return { from: Date.parse(deadline.counts_from), due: Date.parse(deadline.due_at) };
}

function overdueEvery(length: number, options: ReminderOptions): number {
  const every = options.overdue_every_ms ?? Math.min(24 * HOUR_MS, Math.max(HOUR_MS, length / 4));
  if (!(every > 0)) throw new RangeError(`overdue_every_ms must be positive, not ${every}`);
  return every;
}

function reminder(d: RemindableDeadline, at: number, from: number, due: number): Reminder {
  const length = due - from;
  const elapsed = length > 0 ? (at - from) / length : 1;
  const kind = at < due ? "approaching" : at === due ? "due" : "overdue";
  const urgency: ReminderUrgency = at >= due ? "critical" : elapsed >= 0.75 ? "warning" : "info";
  return { deadline_id: d.id, at: new Date(at).toISOString(), kind, elapsed, urgency };
}

/** The instants before and at the due time, oldest first, without duplicates. */
function beforeDue(from: number, due: number, options: ReminderOptions): number[] {
  const fractions = options.fractions ?? DEFAULT_REMINDER_FRACTIONS;
  const times = fractions
    .filter((f) => f > 0 && f < 1)
    .map((f) => Math.round(from + f * (due - from)))
    .filter((t) => t > from && t < due);
  return [...new Set([...times, due])].sort((a, b) => a - b);
}

/**
 * Every reminder of an open deadline (pending, due soon or overdue): the approaching ones, the
 * due one, and the first `overdue_count` overdue ones. Past instants are included; the caller
 * decides whether a missed reminder still fires. Closed or unknown deadlines have none.
 */
export function reminderTimes(
  deadline: RemindableDeadline,
  options: ReminderOptions = {},
): Reminder[] {
  const s = span(deadline);
  if (!s) return [];
  const every = overdueEvery(s.due - s.from, options);
  const times = beforeDue(s.from, s.due, options);
  for (let i = 1; i <= (options.overdue_count ?? 3); i++) times.push(s.due + i * every);
  return times.map((t) => reminder(deadline, t, s.from, s.due));
}

/**
 * The first reminder strictly after `after`, or null when the deadline is closed or unknown.
 * Overdue reminders never run out, so a job runner can always schedule the next one.
 */
export function nextReminder(
  deadline: RemindableDeadline,
  after: Date,
  options: ReminderOptions = {},
): Reminder | null {
  const s = span(deadline);
  if (!s) return null;
  const t = after.getTime();
  const upcoming = beforeDue(s.from, s.due, options).find((x) => x > t);
  if (upcoming !== undefined) return reminder(deadline, upcoming, s.from, s.due);
  const every = overdueEvery(s.due - s.from, options);
  const n = Math.floor((t - s.due) / every) + 1;
  return reminder(deadline, s.due + n * every, s.from, s.due);
}

/** The next reminder of each open deadline of a clock, soonest first. */
export function nextClockReminders(
  clock: ClockStatus,
  after: Date,
  options: ReminderOptions = {},
): Reminder[] {
  return clock.deadlines
    .map((d) => nextReminder(d, after, options))
    .filter((r): r is Reminder => r !== null)
    .sort((a, b) => a.at.localeCompare(b.at));
}
