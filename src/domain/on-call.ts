import {
  addDaysToDate,
  isTimeZone,
  parseInstantIn,
  wallClockToInstant,
  weekdayOfDate,
} from "./time-zone.js";

/**
 * Who is on call for a role: a weekly rotation with overrides (see docs/compliance.md, "On
 * call"). Conventions:
 *
 * - The rotation begins on `starts` at the handoff time, in the rotation's time zone. The first
 *   person holds the first shift until the next handoff (a shorter first week when `starts` is
 *   not the handoff day); then each person takes one week in list order, round and round.
 * - Handoffs happen at the same wall-clock time every week, so a shift spanning a DST change is
 *   an hour shorter or longer. A handoff time inside the DST gap moves forward by the gap.
 * - An override `[from, to)` puts its person on call instead; when overrides overlap, the one
 *   listed last wins. Overrides also apply before `starts`. Their times without an offset are
 *   wall-clock times in the rotation's zone.
 * - Before `starts`, and outside overrides, nobody is on call (null).
 */

export const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A temporary replacement: holidays, sick leave, a swap. */
export interface OnCallOverrideSpec {
  person: string;
  from: string;
  to: string;
  reason?: string;
}

/** A weekly rotation as the plan writes it (the shape of the `OnCallRotation` schema). */
export interface OnCallRotationSpec {
  role: string;
  time_zone: string;
  handoff: { day: Weekday; time: string };
  /** `YYYY-MM-DD`, in the rotation's time zone. */
  starts: string;
  people: readonly string[];
  overrides?: readonly OnCallOverrideSpec[];
}

/** A stretch of time one person is on call, for a UI or CLI schedule. */
export interface OnCallShift {
  person: string;
  /** ISO 8601 UTC; the shift covers `[from, to)`. */
  from: string;
  to: string;
  source: "rotation" | "override";
  reason: string | null;
}

interface Compiled {
  /** Handoff number k as an instant; k = 0 is the handoff on or before `starts`. */
  handoff(k: number): number;
  begins: number;
  people: readonly string[];
  overrides: { person: string; from: number; to: number; reason: string | null }[];
}

const WEEK_MS = 7 * 86_400_000;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function compile(r: OnCallRotationSpec): Compiled {
  const bad = (what: string) => new RangeError(`on-call rotation for '${r.role}': ${what}`);
  if (!isTimeZone(r.time_zone)) throw bad(`'${r.time_zone}' is not a known time zone`);
  const time = HHMM.exec(r.handoff.time);
  if (!time) throw bad(`handoff time '${r.handoff.time}' is not HH:MM`);
  const dayIndex = WEEKDAYS.indexOf(r.handoff.day);
  if (dayIndex < 0) throw bad(`'${r.handoff.day}' is not a day of the week`);
  if (r.people.length === 0) throw bad("the rotation has nobody in it");
  const begins = parseInstantIn(`${r.starts}T${r.handoff.time}`, r.time_zone);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(r.starts) || !begins)
    throw bad(`'${r.starts}' is not a date YYYY-MM-DD`);

  // WEEKDAYS starts on Monday; getUTCDay() on Sunday.
  const back = (weekdayOfDate(r.starts) - ((dayIndex + 1) % 7) + 7) % 7;
  const anchor = addDaysToDate(r.starts, -back);
  const [hh, mm] = [Number(time[1]), Number(time[2])];
  const handoff = (k: number) => {
    const date = addDaysToDate(anchor, 7 * k)
      .split("-")
      .map(Number);
    const [year, month, day] = date as [number, number, number];
    return wallClockToInstant({ year, month, day, hour: hh, minute: mm }, r.time_zone).getTime();
  };

  const overrides = (r.overrides ?? []).map((o, i) => {
    const from = parseInstantIn(o.from, r.time_zone);
    const to = parseInstantIn(o.to, r.time_zone);
    if (!from || !to) throw bad(`override ${i + 1} has a time that is not a date-time`);
    return { person: o.person, from: from.getTime(), to: to.getTime(), reason: o.reason ?? null };
  });
  return { handoff, begins: begins.getTime(), people: r.people, overrides };
}

/** The number of the last handoff at or before `t` (may be negative before the anchor). */
function weekAt(c: Compiled, t: number): number {
  let k = Math.floor((t - c.handoff(0)) / WEEK_MS);
  // The estimate is off by at most one where a DST change shifts a handoff by an hour.
  while (c.handoff(k + 1) <= t) k++;
  while (c.handoff(k) > t) k--;
  return k;
}

type Holder = {
  person: string;
  source: "rotation" | "override";
  reason: string | null;
  key: string;
};

function holderAt(c: Compiled, t: number): Holder | null {
  for (let i = c.overrides.length - 1; i >= 0; i--) {
    const o = c.overrides[i];
    if (o && o.from <= t && t < o.to)
      return { person: o.person, source: "override", reason: o.reason, key: `o${i}` };
  }
  if (t < c.begins) return null;
  const k = weekAt(c, t);
  const person = c.people[k % c.people.length] as string;
  return { person, source: "rotation", reason: null, key: `w${k}` };
}

/** The person on call for the rotation's role at `instant`, or null when nobody is. */
export function onCallAt(rotation: OnCallRotationSpec, instant: Date): string | null {
  return holderAt(compile(rotation), instant.getTime())?.person ?? null;
}

/**
 * The shifts overlapping `[from, to)`, clipped to it, in time order: one per rotation week and
 * one per override stretch (an override cut by a handoff stays one shift). Gaps where nobody is
 * on call have no shift.
 */
export function onCallSchedule(rotation: OnCallRotationSpec, from: Date, to: Date): OnCallShift[] {
  const c = compile(rotation);
  const [start, end] = [from.getTime(), to.getTime()];
  if (!(start < end)) return [];
  const cuts = new Set([start, end, c.begins]);
  for (let k = weekAt(c, start) + 1; c.handoff(k) < end; k++) cuts.add(c.handoff(k));
  for (const o of c.overrides) cuts.add(o.from).add(o.to);
  const points = [...cuts].filter((t) => t >= start && t <= end).sort((a, b) => a - b);

  const shifts: (OnCallShift & { key: string })[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i] as number, points[i + 1] as number];
    const h = holderAt(c, a);
    if (!h) continue;
    const last = shifts.at(-1);
    if (last && last.key === h.key && last.to === new Date(a).toISOString()) {
      last.to = new Date(b).toISOString();
      continue;
    }
    shifts.push({
      person: h.person,
      from: new Date(a).toISOString(),
      to: new Date(b).toISOString(),
      source: h.source,
      reason: h.reason,
      key: h.key,
    });
  }
  return shifts.map(({ key: _, ...shift }) => shift);
}
