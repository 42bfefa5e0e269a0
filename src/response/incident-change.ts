import type { Actor } from "../domain/actor.js";
import { DomainError, invalidInput } from "../domain/errors.js";
import type { Incident } from "../domain/incident/model.js";
import type { ResponseDeps } from "./deps.js";
import type { IncidentChange } from "./incident.types.js";
import { type IncidentState, mutateIncident } from "./mutate.js";

/** What a change function decides: a change and what the caller gets back, or nothing to do. */
export type Outcome<T> =
  | { change: Omit<IncidentChange, "expectedVersion">; result: T }
  | { unchanged: T };

/** Carries "nothing to do" out of `mutateIncident`, which would otherwise commit an empty change. */
class Unchanged<T> {
  constructor(readonly result: T) {}
}

/**
 * `mutateIncident` for use cases that return what they made (an evidence item, an indicator)
 * and that may find, on the fresh state, that there is nothing to do — adding an indicator that
 * is already there — without bumping the version or writing an empty change.
 */
export async function changeIncident<T>(
  deps: ResponseDeps,
  ref: string,
  viewer: Actor | undefined,
  expectedVersion: number | undefined,
  decide: (state: IncidentState) => Promise<Outcome<T>> | Outcome<T>,
): Promise<T> {
  let result: T | undefined;
  try {
    await mutateIncident(deps, ref, viewer, expectedVersion, async (state) => {
      const outcome = await decide(state);
      if ("unchanged" in outcome) throw new Unchanged(outcome.unchanged);
      result = outcome.result;
      return outcome.change;
    });
  } catch (e) {
    if (e instanceof Unchanged) return e.result as T;
    throw e;
  }
  return result as T;
}

/** Work is done on the surviving incident; a merged one only points there. */
export function refuseMerged(incident: Incident): void {
  if (incident.phase === "merged")
    throw new DomainError(
      "conflict",
      `${incident.human_id} was merged into another incident; record it there`,
      [],
      { merged_into: incident.merged_into },
    );
}

/** A required, trimmed, bounded piece of text, or invalid_input naming the field. */
export function requiredText(field: string, value: unknown, max = 2000): string {
  if (typeof value !== "string" || value.trim().length === 0)
    throw invalidInput(`${field} is required`, [{ message: "required", path: field }]);
  const v = value.trim();
  if (v.length > max)
    throw invalidInput(`${field} is at most ${max} characters`, [
      { message: "too long", path: field },
    ]);
  return v;
}

/**
 * An ISO 8601 time as stored (UTC with milliseconds), not in the future and not before 1970:
 * no incident activity is older, and the clocks' business-day calendar cannot count from
 * year 124 (a decision backdated there was stored, then its clock reaction failed).
 */
export function isoTime(field: string, value: string, now: Date): string {
  // Date.parse accepts things like "1" or "March 3"; insist on a date-first ISO shape.
  const t = /^\d{4}-\d{2}-\d{2}(T|$)/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(t))
    throw invalidInput(`${field} must be an ISO 8601 time, such as 2026-11-23T08:30:00Z`, [
      { message: "not an ISO 8601 time", path: field },
    ]);
  if (t < 0)
    throw invalidInput(`${field} cannot be before 1970`, [{ message: "before 1970", path: field }]);
  if (t > now.getTime())
    throw invalidInput(`${field} cannot be in the future`, [
      { message: "in the future", path: field },
    ]);
  return new Date(t).toISOString();
}
