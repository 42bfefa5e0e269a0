import { visibleTo } from "../auth/incident-visibility.js";
import { type Actor, describeActor } from "../domain/actor.js";
import { type ErrorDetail, invalidInput } from "../domain/errors.js";
import { readIndicator, validateIndicator } from "../domain/incident/indicator.js";
import type { Indicator } from "../domain/incident/model.js";
import { newRowId } from "../domain/row-id.js";
import type { ResponseDeps } from "./deps.js";
import { getIncident } from "./incident.service.js";
import { changeIncident, refuseMerged } from "./incident-change.js";
import type { IndicatorIndex, IndicatorSighting } from "./indicator.types.js";

export interface IndicatorInput {
  type: string;
  /** As found; defanged forms (`hxxp://`, `example[.]com`) are accepted and refanged. */
  value: string;
  description?: string;
}

/** An indicator as stored, and whether this call added it or it was already there. */
export interface AddedIndicator {
  indicator: Indicator;
  created: boolean;
}

const key = (i: { type: string; value: string }) => `${i.type}\u0000${i.value}`;

/** Validates every input before anything is written; all problems are reported at once. */
function validateAll(
  inputs: IndicatorInput[],
): { type: string; value: string; description: string }[] {
  const details: ErrorDetail[] = [];
  const valid = inputs.map((input, i) => {
    const verdict = validateIndicator(input.type, input.value);
    const path = inputs.length > 1 ? `items[${i}].value` : "value";
    if (!verdict.ok) details.push({ message: verdict.reason, path });
    return {
      type: input.type,
      value: verdict.ok ? verdict.value : "",
      description: input.description?.trim() ?? "",
    };
  });
  if (details.length === 1) throw invalidInput((details[0] as ErrorDetail).message, details);
  if (details.length > 1) throw invalidInput(`${details.length} indicators are not valid`, details);
  return valid;
}

/**
 * Adds indicators to an incident. Each value is validated for its type and stored in canonical
 * form; one already on the incident is not added again, and is returned as it is (created false).
 * Either every new indicator is added, or — on any invalid value — none.
 */
export async function addIndicators(
  deps: ResponseDeps,
  ref: string,
  inputs: IndicatorInput[],
  actor: Actor,
  expectedVersion?: number,
): Promise<AddedIndicator[]> {
  if (inputs.length === 0) throw invalidInput("give at least one indicator");
  const valid = validateAll(inputs);
  return changeIncident<AddedIndicator[]>(
    deps,
    ref,
    actor,
    expectedVersion,
    async ({ incident, now }) => {
      refuseMerged(incident);
      // Read inside the change so that a concurrent add of the same indicator is seen on retry.
      const known = new Map((await deps.incidents.indicators(incident.id)).map((i) => [key(i), i]));
      const fresh: Indicator[] = [];
      const result = valid.map((v): AddedIndicator => {
        const existing = known.get(key(v));
        if (existing) return { indicator: existing, created: fresh.includes(existing) };
        const indicator: Indicator = {
          id: newRowId(),
          incident_id: incident.id,
          type: v.type,
          value: v.value,
          description: v.description,
          created_at: now.toISOString(),
          created_by: describeActor(actor),
        };
        known.set(key(v), indicator);
        fresh.push(indicator);
        return { indicator, created: true };
      });
      if (fresh.length === 0) return { unchanged: result };
      return {
        result,
        change: {
          incident,
          insertIndicators: fresh,
          timeline: fresh.map((i) => ({
            kind: "indicator.added",
            actor,
            payload: {
              indicator_id: i.id,
              type: i.type,
              value: i.value,
              description: i.description,
            },
          })),
        },
      };
    },
  );
}

/** Adds one indicator; adding it again is a no-op that returns the one already there. */
export async function addIndicator(
  deps: ResponseDeps,
  ref: string,
  input: IndicatorInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<AddedIndicator> {
  const [added] = await addIndicators(deps, ref, [input], actor, expectedVersion);
  return added as AddedIndicator;
}

/** The incident's indicators, oldest first. */
export async function listIndicators(
  deps: ResponseDeps,
  ref: string,
  viewer: Actor | undefined,
): Promise<Indicator[]> {
  const incident = await getIncident(deps, ref, viewer);
  return deps.incidents.indicators(incident.id);
}

export interface FindIndicatorOptions {
  /** Read the value only as this type; otherwise under every type it fits. */
  type?: string;
  /** Include exercises (left out by default: drill indicators are made up). */
  exercise?: boolean;
  limit?: number;
  /** Who asks: restricted incidents they do not take part in are left out. */
  viewer?: Actor;
}

/** The answer to "has this been seen before?". */
export interface IndicatorLookup {
  query: string;
  /** The canonical forms searched for. */
  readings: { type: string; value: string }[];
  sightings: IndicatorSighting[];
}

/**
 * Finds the incidents that carry an indicator, from whatever a person pastes: with a type the
 * value must be valid for it; without one, every reading of the value is searched.
 */
export async function findIndicator(
  deps: ResponseDeps & { indicatorIndex: IndicatorIndex },
  value: string,
  options: FindIndicatorOptions = {},
): Promise<IndicatorLookup> {
  if (!value?.trim()) throw invalidInput("give the indicator value to look for");
  let readings: { type: string; value: string }[];
  if (options.type !== undefined) {
    const verdict = validateIndicator(options.type, value);
    if (!verdict.ok)
      throw invalidInput(verdict.reason, [{ message: verdict.reason, path: "value" }]);
    readings = [{ type: options.type, value: verdict.value }];
  } else {
    // Free-text types (file name, mutex) fit nearly anything, so an empty list means none could.
    readings = readIndicator(value);
  }
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
  const found = await deps.indicatorIndex.sightings(readings, {
    exercise: options.exercise,
    limit,
    visibleTo: visibleTo(options.viewer),
  });
  return { query: value, readings, sightings: found };
}
