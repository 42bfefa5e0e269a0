import { TZDate } from "@date-fns/tz";
import { add } from "date-fns";
import type { Obligation } from "../documents/plan.schema.js";
import { parseDuration } from "../domain/duration.js";
import { isTimeZone } from "../domain/time-zone.js";
import { addBusinessDays } from "./business-days.js";

/** One deadline of an obligation, as the plan writes it. */
export type DeadlineSpec = Obligation["deadlines"][number];

/** Time zone of a deadline that names none. UTC keeps a plan's meaning independent of the host. */
export const DEFAULT_TIME_ZONE = "UTC";

/**
 * `start + duration` with calendar units counted on the wall clock of `timeZone`: `P1D` and `P1M`
 * keep the local time of day across a DST change, while `PT72H` is exactly 72 elapsed hours
 * (date-fns adds hours, minutes and seconds as elapsed time). This is `addDuration` made
 * independent of the host's time zone.
 */
export function addDurationIn(start: Date, duration: string, timeZone: string): Date {
  const d = parseDuration(duration);
  if (!d) throw new RangeError(`not an ISO 8601 duration: ${duration}`);
  if (!isTimeZone(timeZone)) throw new RangeError(`'${timeZone}' is not a known time zone`);
  return new Date(add(new TZDate(start.getTime(), timeZone), d).getTime());
}

/**
 * When a deadline falls due, counting from `base` (the clock's start, or the time the deadline
 * it counts `from` was met): `within` as calendar time, `business_days` with the calendar's
 * holidays skipped, both in the deadline's `time_zone` (else `defaultTimeZone`).
 */
export function deadlineDue(
  deadline: DeadlineSpec,
  base: Date,
  defaultTimeZone: string = DEFAULT_TIME_ZONE,
): Date {
  const timeZone = deadline.time_zone ?? defaultTimeZone;
  if (deadline.business_days !== undefined)
    return addBusinessDays(base, deadline.business_days, {
      timeZone,
      calendar: deadline.calendar,
    });
  if (deadline.within === undefined)
    throw new RangeError(`deadline '${deadline.id}' has neither 'within' nor 'business_days'`);
  return addDurationIn(base, deadline.within, timeZone);
}

/** A deadline in words for kits and listings: "PT4H from classification or PT24H from awareness, whichever comes first". */
export function describeDeadline(obligation: Obligation, deadline: DeadlineSpec): string {
  const one = (d: Omit<DeadlineSpec, "id" | "name">) =>
    `${d.within ?? `${d.business_days} business days`} from ${d.from ?? d.start ?? obligation.clock_start}`;
  return deadline.earliest_of
    ? `${deadline.earliest_of.map(one).join(" or ")}, whichever comes first`
    : one(deadline);
}
