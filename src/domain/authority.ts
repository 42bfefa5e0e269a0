import type { Actor } from "./actor.js";
import { type OnCallRotationSpec, onCallAt } from "./on-call.js";

/**
 * Who holds which plan authority on an incident: the one rule the server decides with
 * (`response/authority.ts`) and the web reads to offer only what the server would allow.
 */

/** The role whose holder is `incident.commander`. */
export const COMMANDER_ROLE = "commander";

/** The parts of a plan the rule reads (structural, so the web's plan type fits too). */
export interface AuthorityPlan {
  roles: readonly {
    id: string;
    authority: readonly string[];
    on_call_authority?: readonly string[] | undefined;
  }[];
  team: readonly { id: string; roles: readonly string[] }[];
  on_call: readonly OnCallRotationSpec[];
}

/** Everything the rule needs, all data. */
export interface AuthorityFacts {
  plan: AuthorityPlan;
  incident: { commander: string | null };
  /** The incident's role assignments, current and past. */
  roles: readonly { person: string; role: string; ended_at: string | null }[];
  actor: Actor;
  /** On-call rotations are read at this instant. */
  now: Date;
}

/**
 * Authorities added after plans were first written, and what stands in for one that a plan names
 * nowhere (a plan written before it existed, still pinned by running incidents): whoever may
 * override a gate — the commander and deputy in the old built-in plan, never an analyst.
 */
const STAND_IN: Readonly<Record<string, string>> = {
  assign_commander: "override_gate",
  hand_over: "override_gate",
  decline: "override_gate",
  merge: "override_gate",
};

/** The authority that decides: the one asked for, or its stand-in when the plan names it nowhere. */
export function decidingAuthority(plan: AuthorityPlan, authority: string): string {
  const named = plan.roles.some(
    (r) => r.authority.includes(authority) || (r.on_call_authority ?? []).includes(authority),
  );
  return named ? authority : (STAND_IN[authority] ?? authority);
}

/**
 * Whether the actor holds an authority on the incident. Admins (the local operator is one) and
 * the system hold all; a person holds what the roles they hold carry — their roles in the plan's
 * team, their current assignments on this incident, the commander role when they are its commander
 * (a team commander's only while nobody commands it) — plus the `on_call_authority` of every role
 * the plan's rotation has them on call for now. Rules, tokens without a person and integrations
 * hold none.
 */
export function holds(facts: AuthorityFacts, asked: string): boolean {
  const { plan, incident, roles, actor } = facts;
  const authority = decidingAuthority(plan, asked);
  if (actor.kind === "system" || actor.admin === true) return true;
  if (actor.kind !== "person") return false;
  // One commander at a time: being able to command (the commander role in the plan's team)
  // carries the role's authority only while nobody commands the incident; over an incident
  // someone else commands, or that one has handed over, it carries none.
  const held = new Set(
    (plan.team.find((p) => p.id === actor.id)?.roles ?? []).filter(
      (r) => r !== COMMANDER_ROLE || incident.commander === null,
    ),
  );
  for (const r of roles)
    if (r.person === actor.id && !r.ended_at && r.role !== COMMANDER_ROLE) held.add(r.role);
  if (incident.commander === actor.id) held.add(COMMANDER_ROLE);
  const onCall = new Set(
    plan.on_call.filter((r) => onCallAt(r, facts.now) === actor.id).map((r) => r.role),
  );
  return plan.roles.some(
    (r) =>
      (held.has(r.id) && r.authority.includes(authority)) ||
      (onCall.has(r.id) && (r.on_call_authority ?? []).includes(authority)),
  );
}
