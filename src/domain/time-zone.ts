import { TZDate } from "@date-fns/tz";

/**
 * Time-zone helpers shared by documents (validation) and the pure rules that read them. Wall-clock
 * times in documents are written as people say them ("Monday 09:00 in Berlin"), so they are
 * turned into instants only here, with `@date-fns/tz`, never with the host's zone.
 */

/** True when `timeZone` is an IANA zone (or offset) this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === "") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An instant from text: a date-time with `Z` or an offset is that instant; a date (`2026-03-10`)
 * or date-time without one (`2026-03-10T09:00`) is wall-clock time in `timeZone` (a date means
 * its local midnight). A wall-clock time that falls in a DST gap moves forward by the gap; one
 * that occurs twice is the earlier. Returns undefined for anything else, including 2026-02-30.
 */
export function parseInstantIn(text: string, timeZone: string): Date | undefined {
  if (WITH_OFFSET.test(text)) {
    const t = Date.parse(text);
    return Number.isNaN(t) ? undefined : new Date(t);
  }
  const m = LOCAL.exec(text);
  if (!m || !isTimeZone(timeZone)) return undefined;
  const num = (i: number) => (m[i] === undefined ? 0 : Number(m[i]));
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map(num) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, "0"));
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  return wallClockToInstant(
    { year: y, month: mo, day: d, hour: h, minute: mi, second: s, ms },
    timeZone,
  );
}

/** A wall-clock reading: month 1-12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
  ms?: number;
}

const sameReading = (t: TZDate, w: WallClock) =>
  t.getFullYear() === w.year &&
  t.getMonth() === w.month - 1 &&
  t.getDate() === w.day &&
  t.getHours() === w.hour &&
  t.getMinutes() === w.minute;

/**
 * The instant a wall clock in `timeZone` shows `w`. In a DST gap the time moves forward by the
 * gap (02:30 → 03:30); when the time occurs twice the earlier instant is returned, so that a
 * deadline or a handoff is never later than the wall clock says.
 */
export function wallClockToInstant(w: WallClock, timeZone: string): Date {
  const t = new TZDate(
    w.year,
    w.month - 1,
    w.day,
    w.hour,
    w.minute,
    w.second ?? 0,
    w.ms ?? 0,
    timeZone,
  );
  // @date-fns/tz picks either reading of a repeated time; look for an earlier one (offset
  // changes are 30, 60 or 120 minutes).
  for (const back of [7_200_000, 3_600_000, 1_800_000]) {
    const earlier = new TZDate(t.getTime() - back, timeZone);
    if (sameReading(earlier, w)) return new Date(earlier.getTime());
  }
  return new Date(t.getTime());
}

/** The wall-clock reading of an instant in `timeZone`. */
export function wallClockOf(instant: Date, timeZone: string): Required<WallClock> {
  const t = new TZDate(instant.getTime(), timeZone);
  return {
    year: t.getFullYear(),
    month: t.getMonth() + 1,
    day: t.getDate(),
    hour: t.getHours(),
    minute: t.getMinutes(),
    second: t.getSeconds(),
    ms: t.getMilliseconds(),
  };
}

/** True when year, month (1-12) and day name a real calendar date. */
export function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A calendar date `YYYY-MM-DD` moved by whole days; no time zone can disturb it. */
export function addDaysToDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Day of the week of a calendar date `YYYY-MM-DD`: 0 Sunday … 6 Saturday. */
export function weekdayOfDate(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
