/**
 * The words of regulatory clocks (`compliance/clocks.ts` computes them): the events a clock can
 * count from and the states of a clock and of its deadlines. Node-free, so that the plan schema,
 * the API contract and the web read the same lists.
 */

/** The events a regulatory clock can count from; each incident records each one's time. */
export const START_EVENTS = [
  "awareness",
  "classification",
  "determination",
  "discovery",
  "declaration",
] as const;
export type StartEvent = (typeof START_EVENTS)[number];

/** How a notification to a regulator was sent; `other` for anything else (a form handed in…). */
export const NOTIFICATION_CHANNELS = ["portal", "email", "phone", "letter", "other"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** The whole clock; the most urgent state wins (overdue over due_soon over running). */
export const CLOCK_STATES = [
  "not_applicable",
  "waiting",
  "running",
  "due_soon",
  "overdue",
  "met",
  "stopped",
] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

/**
 * `waiting`: its due time is not known yet (the clock has not started, or the deadline it counts
 * from has not been met). `met_late`: met after it was due. `stopped`: the clock was stopped
 * before this deadline was met.
 */
export const DEADLINE_STATES = [
  "not_applicable",
  "waiting",
  "pending",
  "due_soon",
  "overdue",
  "met",
  "met_late",
  "stopped",
] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];
