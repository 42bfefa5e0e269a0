import { Authority, type PlanDocument } from "../documents/plan.schema.js";
import type { Actor } from "../domain/actor.js";
import { DomainError } from "../domain/errors.js";
import type { Incident, RoleAssignment } from "../domain/incident/model.js";
import { onCallAt } from "../domain/on-call.js";

/** The role whose holder is `incident.commander`. */
export const COMMANDER_ROLE = "commander";

/**
 * Authorities that mean something on an incident (`declare` and `approve_plan` do not): derived
 * from the plan schema's one list, so an authority added there is held on incidents too.
 */
const INCIDENT_AUTHORITIES: readonly Authority[] = Authority.exclude([
  "declare",
  "approve_plan",
]).options;

/** Everything an authority question needs, all data: the one place such questions are decided. */
export interface AuthorityContext {
  /** The plan version the incident runs under. */
  plan: PlanDocument;
  /** A declaration in progress passes `{ human_id: "the new incident", commander: null }`. */
  incident: Pick<Incident, "human_id" | "commander">;
  /** The incident's role assignments, current and past. */
  roles: readonly RoleAssignment[];
  actor: Actor;
  /** On-call rotations are read at this instant. */
  now: Date;
}

/** What someone wants to do on an incident. */
export type IncidentAction =
  | { kind: "assign_role"; role: string }
  | { kind: "override_gate" }
  | { kind: "skip_required_step" }
  | { kind: "reclassify" }
  | { kind: "decline" }
  | { kind: "merge" }
  | { kind: "close" }
  /** Closing with the plan's closing obligations unmet: close and override_gate together. */
  | { kind: "override_closing" };

/**
 * Authorities added after plans were first written, and what stands in for one that a plan names
 * nowhere (a plan written before it existed, still pinned by running incidents): whoever may
 * override a gate — the commander and deputy in the old built-in plan, never an analyst.
 */
const STAND_IN: Partial<Record<Authority, Authority>> = {
  assign_commander: "override_gate",
  hand_over: "override_gate",
  decline: "override_gate",
  merge: "override_gate",
};

/** The authority that decides: the one asked for, or its stand-in when the plan names it nowhere. */
function deciding(plan: PlanDocument, authority: Authority): Authority {
  const named = plan.roles.some(
    (r) => r.authority.includes(authority) || (r.on_call_authority ?? []).includes(authority),
  );
  return named ? authority : (STAND_IN[authority] ?? authority);
}

/**
 * Whether the actor holds an authority on the incident. Admins (the local operator is one) and
 * the system hold all; a person holds what the roles they hold carry — their roles in the plan's
 * team, their current assignments on this incident, the commander role when they are its commander
 * (a team commander's only while nobody commands it) — plus the `on_call_authority` of every role the plan's rotation has them on call
 * for now. Rules, tokens without a person and integrations hold none.
 */
export function holds(ctx: AuthorityContext, asked: Authority): boolean {
  const { plan, incident, roles, actor } = ctx;
  const authority = deciding(plan, asked);
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
    plan.on_call.filter((r) => onCallAt(r, ctx.now) === actor.id).map((r) => r.role),
  );
  return plan.roles.some(
    (r) =>
      (held.has(r.id) && r.authority.includes(authority)) ||
      (onCall.has(r.id) && (r.on_call_authority ?? []).includes(authority)),
  );
}

/** Who the plan gives an authority to, for the refusal: "commander, on call for commander". */
function holdersOf(plan: PlanDocument, asked: Authority): string {
  const authority = deciding(plan, asked);
  const who = [
    ...plan.roles.filter((r) => r.authority.includes(authority)).map((r) => r.id),
    ...plan.roles
      .filter((r) => (r.on_call_authority ?? []).includes(authority))
      .map((r) => `whoever is on call for ${r.id}`),
    "an admin",
  ];
  return who.join(", ");
}

function refusal(
  ctx: AuthorityContext,
  rule: Authority,
  what: string,
  missing: Authority[] = [rule],
  also: string[] = [],
): DomainError {
  return new DomainError(
    "forbidden",
    [
      `${ctx.actor.id} may not ${what} on ${ctx.incident.human_id}: the plan's '${rule}' rule gives that to ${holdersOf(ctx.plan, rule)}`,
      ...also,
    ].join("; "),
    [],
    { rule, missing_authority: missing },
  );
}

/**
 * Decides whether the actor may take the action, and returns the refusal (403 problem+json with
 * `rule` naming the plan authority) or null. Nobody gives themself authority: the commander role
 * goes to someone only by the current commander handing over (`hand_over`) or by whoever holds
 * `assign_commander`; another role that carries incident authority only by someone who holds
 * that authority already, or `assign_commander`.
 */
export function authorise(ctx: AuthorityContext, action: IncidentAction): DomainError | null {
  switch (action.kind) {
    case "assign_role": {
      if (holds(ctx, "assign_commander")) return null;
      if (action.role === COMMANDER_ROLE) {
        const isCommander = ctx.incident.commander === ctx.actor.id;
        if (isCommander && holds(ctx, "hand_over")) return null;
        return refusal(ctx, "assign_commander", "put someone in command", undefined, [
          "the current commander may hand over (hand_over)",
        ]);
      }
      const carried = (ctx.plan.roles.find((r) => r.id === action.role)?.authority ?? []).filter(
        (a) => INCIDENT_AUTHORITIES.includes(a),
      );
      const missing = carried.filter((a) => !holds(ctx, a));
      if (missing.length === 0) return null;
      return refusal(
        ctx,
        "assign_commander",
        `give the ${action.role} role (it carries ${missing.join(", ")}, which they do not hold)`,
        missing,
      );
    }
    case "override_closing":
      if (!holds(ctx, "close")) return refusal(ctx, "close", "close the incident");
      return holds(ctx, "override_gate")
        ? null
        : refusal(ctx, "override_gate", "close with closing obligations unmet");
    case "reclassify":
      return holds(ctx, "change_severity")
        ? null
        : refusal(ctx, "change_severity", "change the severity or type");
    case "override_gate":
      return holds(ctx, "override_gate") ? null : refusal(ctx, "override_gate", "override a gate");
    case "skip_required_step":
      return holds(ctx, "skip_required_step")
        ? null
        : refusal(ctx, "skip_required_step", "skip a required step");
    case "decline":
      return holds(ctx, "decline") ? null : refusal(ctx, "decline", "decline the incident");
    case "merge":
      return holds(ctx, "merge") ? null : refusal(ctx, "merge", "merge the incident");
    case "close":
      return holds(ctx, "close") ? null : refusal(ctx, "close", "close the incident");
  }
}

/** `authorise`, throwing the refusal. */
export function requireAuthority(ctx: AuthorityContext, action: IncidentAction): void {
  const refused = authorise(ctx, action);
  if (refused) throw refused;
}
