import Holidays from "date-holidays";
import { calendarProblem } from "../domain/holiday-calendar.js";
import {
  addDaysToDate,
  isTimeZone,
  wallClockOf,
  wallClockToInstant,
  weekdayOfDate,
} from "../domain/time-zone.js";

export { isTimeZone };

/**
 * Business-day arithmetic for regulatory deadlines (SEC Form 8-K: "four business days").
 *
 * Convention: a deadline of N business days is due at the **same local wall-clock time** on the
 * Nth business day **after the start's local date**, in the deadline's time zone. A business day
 * is a local date that is neither Saturday nor Sunday nor a `public` holiday of the calendar
 * (bank, school, optional and observance days of `date-holidays` do not count: offices that file
 * are open on them). The start day never counts, whether or not it is a business day, so a start
 * on Saturday 10:00 is due on Thursday 10:00 with four business days, like a start on Friday.
 *
 * When that wall-clock time does not exist on the due day (the spring-forward gap) the deadline
 * moves forward by the gap (02:30 becomes 03:30); when it exists twice (fall back) the earlier
 * instant is used, so the deadline is never later than the wall clock says.
 */

/** Where business days are counted: an IANA time zone and an optional holiday calendar. */
export interface BusinessCalendar {
  /** IANA time zone whose local dates and wall-clock times count, e.g. `America/New_York`. */
  timeZone: string;
  /**
   * Holiday calendar as `date-holidays` names it: a country (`US`), a country and state (`DE-BY`)
   * or a country, state and region. Omitted: only weekends are skipped.
   */
  calendar?: string;
}

interface CachedCalendar {
  holidays: Holidays;
  /** Public holiday dates (`YYYY-MM-DD`) per year, filled on first use. */
  years: Map<number, ReadonlySet<string>>;
}

// Building a Holidays instance parses the country's rules; plans use a handful of calendars.
const calendars = new Map<string, CachedCalendar>();

function cachedCalendar(calendar: string): CachedCalendar {
  let cached = calendars.get(calendar);
  if (!cached) {
    const problem = calendarProblem(calendar);
    if (problem) throw new RangeError(problem);
    const [country, state, region] = calendar.split("-") as [string, string?, string?];
    const holidays =
      region !== undefined
        ? new Holidays(country, state as string, region)
        : state !== undefined
          ? new Holidays(country, state)
          : new Holidays(country);
    cached = { holidays, years: new Map() };
    calendars.set(calendar, cached);
  }
  return cached;
}

const DAY_MS = 86_400_000;

/**
 * The public holidays of a calendar in a year, as local dates `YYYY-MM-DD`. A holiday lasting
 * several days (date-holidays gives it a start and an end) contributes every date it covers.
 */
export function publicHolidays(calendar: string, year: number): ReadonlySet<string> {
  const cached = cachedCalendar(calendar);
  let dates = cached.years.get(year);
  if (!dates) {
    const set = new Set<string>();
    for (const h of cached.holidays.getHolidays(year)) {
      if (h.type !== "public") continue;
      const first = h.date.slice(0, 10);
      const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
      for (let i = 0; i < days; i++) set.add(addDaysToDate(first, i));
    }
    dates = set;
    cached.years.set(year, dates);
  }
  return dates;
}

const pad = (n: number) => String(n).padStart(2, "0");

function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new RangeError(`'${timeZone}' is not a known time zone`);
}

/** Whether a local date `YYYY-MM-DD` is a business day of the calendar. */
export function isBusinessDate(date: string, calendar?: string): boolean {
  const weekday = weekdayOfDate(date);
  if (weekday === 0 || weekday === 6) return false;
  return !calendar || !publicHolidays(calendar, Number(date.slice(0, 4))).has(date);
}

/** True when the local date of `instant` in the time zone is a business day of the calendar. */
export function isBusinessDay(instant: Date, where: BusinessCalendar): boolean {
  assertTimeZone(where.timeZone);
  const w = wallClockOf(instant, where.timeZone);
  return isBusinessDate(`${w.year}-${pad(w.month)}-${pad(w.day)}`, where.calendar);
}

/**
 * `start` plus `days` business days: the same local wall-clock time on the `days`th business day
 * after the start's local date (see the module comment). Throws RangeError for an unknown time
 * zone or calendar and for a negative or fractional count; 0 returns `start`.
 */
export function addBusinessDays(start: Date, days: number, where: BusinessCalendar): Date {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`business days must be a whole number ≥ 0, not ${days}`);
  assertTimeZone(where.timeZone);
  if (where.calendar) cachedCalendar(where.calendar);
  if (days === 0) return new Date(start.getTime());
  // Count on local dates, then read the start's wall-clock time on the day found.
  const w = wallClockOf(start, where.timeZone);
  let date = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
  for (let counted = 0; counted < days; ) {
    date = addDaysToDate(date, 1);
    if (isBusinessDate(date, where.calendar)) counted++;
  }
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return wallClockToInstant({ ...w, year, month, day }, where.timeZone);
}
