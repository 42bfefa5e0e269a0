import { calendarProblem } from "../domain/holiday-calendar.js";
import { isTimeZone } from "../domain/time-zone.js";
import type { Obligation } from "./plan.schema.js";

/** A problem in one obligation's deadlines; `path` is inside the obligation. */
export interface ObligationProblem {
  path: (string | number)[];
  message: string;
  severity: "error" | "warning";
}

/**
 * What the plan schema cannot see in an obligation's deadlines and the clocks would trip over:
 * unknown time zones and holiday calendars (date-holidays silently knows no holidays for an
 * unknown name), `from` chains that never start, and settings that are ignored. For plan lint.
 */
export function obligationProblems(obligation: Obligation): ObligationProblem[] {
  const problems: ObligationProblem[] = [];
  const ids = new Map(obligation.deadlines.map((d) => [d.id, d]));
  obligation.deadlines.forEach((d, i) => {
    // The deadline's own fields, then each `earliest_of` alternative's, at their own paths.
    const spans = [
      { span: d, path: ["deadlines", i] as (string | number)[] },
      ...(d.earliest_of ?? []).map((alt, j) => ({
        span: {
          ...alt,
          time_zone: alt.time_zone ?? d.time_zone,
          calendar: alt.calendar ?? d.calendar,
        },
        path: ["deadlines", i, "earliest_of", j],
      })),
    ];
    for (const { span, path } of spans) {
      const error = (field: string, message: string) =>
        problems.push({ path: [...path, field], message, severity: "error" });
      const warning = (field: string, message: string) =>
        problems.push({ path: [...path, field], message, severity: "warning" });
      const own = span === d;
      if (own || span.time_zone !== d.time_zone)
        if (span.time_zone !== undefined && !isTimeZone(span.time_zone))
          error(
            "time_zone",
            `'${span.time_zone}' is not an IANA time zone such as America/New_York`,
          );
      if (span.calendar !== undefined && (own || span.calendar !== d.calendar)) {
        const problem = calendarProblem(span.calendar);
        if (problem) error("calendar", problem);
        else if (span.business_days === undefined && !d.earliest_of)
          warning("calendar", "a holiday calendar only matters for business_days; it is ignored");
      }
      if (span.business_days !== undefined && span.time_zone === undefined)
        warning(
          "time_zone",
          "business days are counted in UTC unless the deadline names its time_zone (the regulator's)",
        );
      if (span.from === undefined) continue;
      if (!ids.has(span.from))
        error("from", `deadline '${span.from}' is not a deadline of this obligation`);
      if (!own) {
        if (span.from === d.id) error("from", `deadline '${d.id}' cannot count from itself`);
        continue;
      }
      // Follow the chain: a deadline whose chain loops back never gets a due time.
      const seen = new Set([d.id]);
      for (let next = ids.get(span.from); next; next = next.from ? ids.get(next.from) : undefined) {
        if (seen.has(next.id)) {
          error(
            "from",
            `deadline '${d.id}' can never start: its 'from' chain loops at '${next.id}'`,
          );
          break;
        }
        seen.add(next.id);
      }
    }
  });
  return problems;
}
