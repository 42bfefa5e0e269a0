import type { Obligation } from "../documents/plan.schema.js";
import { isTimeZone } from "../domain/time-zone.js";
import { calendarProblem } from "./business-days.js";

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
    const at = (field: string) => ["deadlines", i, field];
    const error = (field: string, message: string) =>
      problems.push({ path: at(field), message, severity: "error" });
    const warning = (field: string, message: string) =>
      problems.push({ path: at(field), message, severity: "warning" });

    if (d.time_zone !== undefined && !isTimeZone(d.time_zone))
      error("time_zone", `'${d.time_zone}' is not an IANA time zone such as America/New_York`);
    if (d.calendar !== undefined) {
      const problem = calendarProblem(d.calendar);
      if (problem) error("calendar", problem);
      else if (d.business_days === undefined)
        warning("calendar", "a holiday calendar only matters for business_days; it is ignored");
    }
    if (d.business_days !== undefined && d.time_zone === undefined)
      warning(
        "time_zone",
        "business days are counted in UTC unless the deadline names its time_zone (the regulator's)",
      );
    if (d.from !== undefined) {
      // Follow the chain: a deadline whose chain loops back never gets a due time.
      const seen = new Set([d.id]);
      for (let next = ids.get(d.from); next; next = next.from ? ids.get(next.from) : undefined) {
        if (seen.has(next.id)) {
          error(
            "from",
            `deadline '${d.id}' can never start: its 'from' chain loops at '${next.id}'`,
          );
          break;
        }
        seen.add(next.id);
      }
      if (!ids.has(d.from))
        error("from", `deadline '${d.from}' is not a deadline of this obligation`);
    }
  });
  return problems;
}
