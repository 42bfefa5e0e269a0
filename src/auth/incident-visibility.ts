import type { Actor } from "../domain/actor.js";
import type { Incident, RoleAssignment } from "../response/incident.types.js";

/**
 * Restricted incidents (insider cases, investigations of staff) are visible only to their
 * participants and to admins. Participants: the commander, whoever declared it, and everyone
 * with a current role assignment on it. This is the one rule; the incident list applies it as a
 * filter (`visibleTo`), single-incident routes through `canSeeIncident`, and anything that
 * reveals incidents (search, reports, metrics, streams) must use one of the two.
 *
 * The system, rules and integrations see everything: they act for the organisation, and what
 * they produce is shown to people through routes that filter.
 */
export function seesEverything(actor: Actor): boolean {
  return actor.admin === true || actor.kind !== "person";
}

/** The person whose participation counts, or undefined when the actor sees everything. */
export function visibleTo(actor: Actor): string | undefined {
  return seesEverything(actor) ? undefined : actor.id;
}

/** `created_by` is `describeActor(actor)`: "Name (person:id)" or "person:id". */
export function declaredBy(createdBy: string, personId: string): boolean {
  const ref = `person:${personId}`;
  return createdBy === ref || createdBy.endsWith(`(${ref})`);
}

export function canSeeIncident(actor: Actor, incident: Incident, roles: RoleAssignment[]): boolean {
  if (!incident.restricted || seesEverything(actor)) return true;
  const person = actor.id;
  return (
    incident.commander === person ||
    declaredBy(incident.created_by, person) ||
    roles.some((r) => r.person === person && !r.ended_at)
  );
}
