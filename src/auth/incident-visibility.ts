import type { Actor } from "../domain/actor.js";
import { notFound } from "../domain/errors.js";
import type { Incident } from "../domain/incident/model.js";

/**
 * THE visibility policy. Restricted incidents (insider cases, investigations of staff) and
 * everything that belongs to them — alerts, their events, indicators, notifications, clocks,
 * reports, metrics, stream entries, search hits — exist only for their participants and admins;
 * to anyone else they answer exactly as a missing thing does (404, or absent from a list).
 *
 * Participants: the commander, whoever declared it, everyone with a current role on it, and
 * everyone an escalation step paged for it (`incident_members`). The rule is written once, in
 * SQL (store/visibility.sql.ts), so lists filter in their query and pagination stays right;
 * single things are checked with the functions below, inside the use cases, which take the
 * viewer (the Actor asking) as a parameter.
 *
 * A missing viewer is the organisation itself (the system, the CLI on its local database), as
 * are rules and integrations: they act for everyone, and what they produce reaches people only
 * through use cases that filter.
 */

/**
 * What the checks read of the incidents. Declared here, by the policy, so that auth needs nothing
 * of the response use cases; the incident store (`IncidentStore`) extends it.
 */
export interface IncidentVisibility {
  /** By id or human id. */
  get(ref: string): Promise<Incident | undefined>;
  /** The restricted incidents this person does not take part in. */
  hiddenFrom(person: string): Promise<{ id: string; human_id: string }[]>;
  /** Whether the person takes part in the incident, or it is unrestricted (the SQL rule). */
  isVisibleTo(incidentId: string, person: string): Promise<boolean>;
}

/** What the checks take. */
export interface VisibilityDeps {
  incidents: IncidentVisibility;
}

/** Whether a viewer sees every incident: admins, non-people, and no viewer at all. */
export function seesEverything(viewer: Actor | undefined): boolean {
  return viewer === undefined || viewer.admin === true || viewer.kind !== "person";
}

/** The person whose participation counts, or undefined when the viewer sees everything. */
export function visibleTo(viewer: Actor | undefined): string | undefined {
  return seesEverything(viewer) ? undefined : viewer?.id;
}

/** Whether the viewer may see this incident. */
export async function canSeeIncident(
  deps: VisibilityDeps,
  viewer: Actor | undefined,
  incident: Pick<Incident, "id" | "restricted">,
): Promise<boolean> {
  const person = visibleTo(viewer);
  if (person === undefined || !incident.restricted) return true;
  return deps.incidents.isVisibleTo(incident.id, person);
}

/** The incident (by id or human id) if it exists and the viewer may see it. */
export async function findVisibleIncident(
  deps: VisibilityDeps,
  viewer: Actor | undefined,
  ref: string,
): Promise<Incident | undefined> {
  const incident = await deps.incidents.get(ref);
  return incident && (await canSeeIncident(deps, viewer, incident)) ? incident : undefined;
}

/**
 * Refuses a thing that belongs to an incident the viewer may not see with the 404 of a missing
 * `what` called `ref` — the same answer, word for word, as for one that does not exist.
 */
export async function ensureVisible(
  deps: VisibilityDeps,
  viewer: Actor | undefined,
  incidentId: string | null | undefined,
  what: string,
  ref: string,
): Promise<void> {
  if (!(await canSeeIncidentOf(deps, viewer, incidentId))) throw notFound(what, ref);
}

/** Whether the viewer may see what belongs to this incident (true when it belongs to none). */
export async function canSeeIncidentOf(
  deps: VisibilityDeps,
  viewer: Actor | undefined,
  incidentId: string | null | undefined,
): Promise<boolean> {
  if (!incidentId || visibleTo(viewer) === undefined) return true;
  const incident = await deps.incidents.get(incidentId);
  return !incident || (await canSeeIncident(deps, viewer, incident));
}

/**
 * A predicate for lists built in memory (small, unpaginated ones; paginated lists filter in
 * their query with store/visibility.sql.ts): true for what the viewer may see, including things
 * that belong to no incident.
 */
export async function visibilityFilter(
  deps: VisibilityDeps,
  viewer: Actor | undefined,
): Promise<(incidentId: string | null | undefined) => boolean> {
  const person = visibleTo(viewer);
  if (person === undefined) return () => true;
  const hidden = new Set(
    (await deps.incidents.hiddenFrom(person)).flatMap((h) => [h.id, h.human_id]),
  );
  return (incidentId) => !incidentId || !hidden.has(incidentId);
}
