import { canSeeIncident } from "../auth/incident-visibility.js";
import type { Actor } from "../domain/actor.js";
import { DomainError, invalidInput, notFound } from "../domain/errors.js";
import type { Incident, NewTimelineEntry, Task } from "../domain/incident/model.js";
import { isActive } from "../domain/incident/phase.js";
import type { ResponseDeps } from "./deps.js";
import type { IncidentChange } from "./incident.types.js";

/** The state a change is computed from. */
export interface IncidentState {
  incident: Incident;
  tasks: Task[];
  now: Date;
}

export type ChangeFn = (
  state: IncidentState,
) => Promise<Omit<IncidentChange, "expectedVersion">> | Omit<IncidentChange, "expectedVersion">;

/**
 * Attempts when a write slips past the lock: only SQLite's local-mode CLI writing beside a server
 * does that (PostgreSQL's row lock admits no one else), so a second attempt is nearly always enough.
 */
const ATTEMPTS = 3;

/**
 * Runs one change on one incident under the incident's lock (`IncidentStore.withLock`): the
 * state is read, the change computed and written while concurrent changes to the same incident
 * — from this process or another node — wait their turn, so two responders changing the incident
 * at once both keep their change and the timeline's hash chain stays whole. With
 * `expectedVersion` (the client's If-Match) a change made on a stale view is refused with
 * stale_version (412) instead of merged.
 *
 * `viewer` is who asks: a restricted incident they do not take part in answers with the 404 of a
 * missing one, before If-Match is looked at (a 412 would tell them it exists). `undefined` and
 * non-person actors (timers, escalation, rules) act for the organisation and see every incident.
 */
export async function mutateIncident(
  deps: ResponseDeps,
  ref: string,
  viewer: Actor | undefined,
  expectedVersion: number | undefined,
  change: ChangeFn,
): Promise<Incident> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const done = await deps.incidents.withLock(ref, async (locked) => {
      if (!locked || !(await canSeeIncident(deps, viewer, locked.incident)))
        throw notFound("incident", ref);
      const { incident, tasks } = locked;
      requireVersion(incident, expectedVersion);
      const now = deps.clock.now();
      const next = await change({ incident, tasks, now });
      const updated = { ...next.incident, updated_at: now.toISOString() };
      const committed = await locked.commit({
        ...next,
        incident: updated,
        expectedVersion: incident.version,
      });
      return committed ? { ...updated, version: incident.version + 1 } : undefined;
    });
    if (done) return done;
  }
  throw new DomainError("conflict", `incident ${ref} is changing too fast; try again`);
}

/**
 * Appends entries to an incident's timeline and changes nothing else, for use cases that have
 * already acted (sent, stored a record) and now say so: under the lock like every change, so the
 * hash chain stays whole and the version moves on. No If-Match here: they check it up front.
 */
export function appendTimeline(
  deps: ResponseDeps,
  ref: string,
  viewer: Actor | undefined,
  entries: NewTimelineEntry[],
): Promise<Incident> {
  return mutateIncident(deps, ref, viewer, undefined, ({ incident }) => ({
    incident,
    timeline: entries,
  }));
}

/**
 * If-Match checked up front, for use cases that act before they write their timeline entry
 * (send a status update, store a report or a clock record): a stale view is refused before
 * anything is sent or stored; a change that lands in between is merged, as without If-Match.
 */
export function requireVersion(incident: Incident, expected: number | undefined): void {
  if (expected !== undefined && incident.version !== expected)
    throw staleVersion(incident, expected);
}

/** Refuses a change to `what` (roles, tasks) on an ended incident: it must be reopened first. */
export function requireActive(incident: Incident, what: string): void {
  if (!isActive(incident.phase))
    throw invalidInput(
      `${incident.human_id} has ended (${incident.phase}); reopen it to change ${what}`,
    );
}

/** The refusal of a change made on a stale view: the client reloads and decides again. */
function staleVersion(incident: Incident, expected: number) {
  return new DomainError(
    "stale_version",
    `incident ${incident.human_id} is at version ${incident.version}, not ${expected}: someone else changed it; reload and try again`,
    [],
    { current_version: incident.version },
  );
}
