import type { PlanDocument } from "../documents/plan.schema.js";
import { type Actor, describeActor } from "../domain/actor.js";
import { invalidInput, notFound } from "../domain/errors.js";
import type { RoleAssignment } from "../domain/incident/model.js";
import { newRowId } from "../domain/row-id.js";
import { COMMANDER_ROLE, requireAuthority } from "./authority.js";
import type { ResponseDeps } from "./deps.js";
import { getIncident } from "./incident.service.js";
import { changeIncident } from "./incident-change.js";
import { requireActive } from "./mutate.js";
import { authorityContext, pinnedPlan } from "./plan-context.js";

export interface RoleInput {
  /** A role id from the plan the incident runs under. */
  role: string;
  /** A person id from that plan's team. */
  person: string;
  reason?: string;
  /**
   * Add the person beside the current holders instead of handing over (two analysts at once).
   * Not for the commander.
   */
  additional?: boolean;
}

function checkAgainstPlan(plan: PlanDocument, role: string, person: string) {
  if (!plan.roles.some((r) => r.id === role))
    throw invalidInput(
      `unknown role '${role}'; the plan's roles are ${plan.roles.map((r) => r.id).join(", ")}`,
      [{ message: "unknown role", path: "role" }],
    );
  const member = plan.team.find((p) => p.id === person);
  if (!member)
    throw invalidInput(
      `'${person}' is not in the plan's team; the team is ${plan.team.map((p) => p.id).join(", ")}`,
      [{ message: "unknown person", path: "person" }],
    );
  return member;
}

/**
 * Gives a plan role on an incident to a person from the plan's team. If someone holds the role
 * already this is a handover: their assignment ends now and the timeline says who handed to
 * whom (`role.handover`). The commander role also sets the incident's commander. Giving a role to
 * the person who holds it changes nothing. Who may give which role is the plan's authority
 * (authority.ts): nobody puts themself in command without it.
 */
export async function assignRole(
  deps: ResponseDeps,
  ref: string,
  input: RoleInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<RoleAssignment> {
  if (input.additional && input.role === COMMANDER_ROLE)
    throw invalidInput("an incident has one commander at a time; hand the role over instead");
  return changeIncident<RoleAssignment>(
    deps,
    ref,
    actor,
    expectedVersion,
    async ({ incident, now }) => {
      requireActive(incident, "roles");
      const plan = await pinnedPlan(deps, incident);
      const member = checkAgainstPlan(plan.body, input.role, input.person);
      const roles = await deps.incidents.roles(incident.id);
      const holders = roles.filter((r) => r.role === input.role && !r.ended_at);
      const already = holders.find((r) => r.person === input.person);
      if (already) return { unchanged: already };
      requireAuthority(await authorityContext(deps, incident, actor, now), {
        kind: "assign_role",
        role: input.role,
      });

      const at = now.toISOString();
      const assignment: RoleAssignment = {
        id: newRowId(),
        incident_id: incident.id,
        role: input.role,
        person: input.person,
        assigned_at: at,
        assigned_by: describeActor(actor),
        ended_at: null,
      };
      const ending = input.additional ? [] : holders;
      let from = ending.map((r) => r.person);
      // A commander recorded on the incident without an assignment row still hands over.
      if (
        input.role === COMMANDER_ROLE &&
        from.length === 0 &&
        incident.commander &&
        incident.commander !== input.person
      )
        from = [incident.commander];
      const common = {
        role: input.role,
        to: input.person,
        at,
        qualified: member.roles.includes(input.role),
        reason: input.reason?.trim() || null,
      };
      return {
        result: assignment,
        change: {
          incident:
            input.role === COMMANDER_ROLE ? { ...incident, commander: input.person } : incident,
          insertRoles: [assignment],
          endRoles: ending.map((r) => ({ id: r.id, ended_at: at })),
          timeline: [
            from.length > 0
              ? {
                  kind: "role.handover",
                  actor,
                  payload: { ...common, from: from.join(", "), ended: ending.map((r) => r.id) },
                }
              : {
                  kind: "role.assigned",
                  actor,
                  payload: {
                    ...common,
                    person: input.person,
                    additional: Boolean(input.additional),
                  },
                },
          ],
        },
      };
    },
  );
}

/**
 * Ends one current assignment without a successor (someone goes off shift with nobody taking
 * over). The commander cannot be left empty this way: hand the role over instead.
 */
export async function releaseRole(
  deps: ResponseDeps,
  ref: string,
  assignmentId: string,
  reason: string | undefined,
  actor: Actor,
  expectedVersion?: number,
): Promise<RoleAssignment> {
  return changeIncident<RoleAssignment>(
    deps,
    ref,
    actor,
    expectedVersion,
    async ({ incident, now }) => {
      requireActive(incident, "roles");
      const assignment = (await deps.incidents.roles(incident.id)).find(
        (r) => r.id === assignmentId,
      );
      if (!assignment) throw notFound("role assignment", assignmentId);
      if (assignment.ended_at)
        throw invalidInput(
          `${assignment.person} no longer holds ${assignment.role} here (ended ${assignment.ended_at})`,
        );
      if (assignment.role === COMMANDER_ROLE)
        throw invalidInput(
          "the commander role is handed over, never left empty: assign the next commander",
        );
      const at = now.toISOString();
      return {
        result: { ...assignment, ended_at: at },
        change: {
          incident,
          endRoles: [{ id: assignment.id, ended_at: at }],
          timeline: [
            {
              kind: "role.released",
              actor,
              payload: {
                role: assignment.role,
                person: assignment.person,
                at,
                reason: reason?.trim() || null,
              },
            },
          ],
        },
      };
    },
  );
}

/** Every assignment on the incident, current (no `ended_at`) and past, oldest first. */
export async function listRoles(
  deps: ResponseDeps,
  ref: string,
  viewer: Actor | undefined,
): Promise<RoleAssignment[]> {
  const incident = await getIncident(deps, ref, viewer);
  return deps.incidents.roles(incident.id);
}
