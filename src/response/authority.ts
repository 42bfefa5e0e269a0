import { Authority, type PlanDocument } from "../documents/plan.schema.js";
import type { Actor } from "../domain/actor.js";
import { COMMANDER_ROLE, decidingAuthority, holds } from "../domain/authority.js";
import { DomainError } from "../domain/errors.js";
import type { Incident, RoleAssignment } from "../domain/incident/model.js";

/**
 * Authorities that mean something on an incident (`declare` and `approve_plan` do not): derived
 * from the plan schema's one list, so an authority added there is held on incidents too.
 */
const INCIDENT_AUTHORITIES: readonly Authority[] = Authority.exclude([
  "declare",
  "approve_plan",
]).options;

export { COMMANDER_ROLE };

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

/** Who the plan gives an authority to, for the refusal: "commander, on call for commander". */
function holdersOf(plan: PlanDocument, asked: Authority): string {
  const authority = decidingAuthority(plan, asked);
  const who = [
    ...plan.roles.filter((r) => r.authority.some((a) => a === authority)).map((r) => r.id),
    ...plan.roles
      .filter((r) => (r.on_call_authority ?? []).some((a) => a === authority))
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
