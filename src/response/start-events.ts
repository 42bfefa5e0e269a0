import type { PlanDocument } from "../documents/plan.schema.js";
import type { IncidentTimes } from "../domain/incident/model.js";

const FIELD = { classification: "classified_at", determination: "determined_at" } as const;

/**
 * The start-event times that attributes set: an attribute the plan marks `starts: classification`
 * (or `determination`) that is true records that event at `at`, unless its time is already
 * recorded (a decision with `sets`, possibly backdated, is more precise and is kept). Returns only
 * the times it sets.
 */
export function startsSetBy(
  plan: Pick<PlanDocument, "attributes">,
  attributes: Readonly<Record<string, unknown>>,
  times: Pick<IncidentTimes, "classified_at" | "determined_at">,
  at: string,
): Partial<Pick<IncidentTimes, "classified_at" | "determined_at">> {
  const set: Partial<Pick<IncidentTimes, "classified_at" | "determined_at">> = {};
  for (const a of plan.attributes) {
    if (!a.starts || attributes[a.id] !== true) continue;
    const field = FIELD[a.starts];
    if (times[field] == null) set[field] = at;
  }
  return set;
}
