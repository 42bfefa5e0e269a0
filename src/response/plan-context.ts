import type { StoredDocument } from "../documents/document.types.js";
import type { PlanDocument } from "../documents/plan.schema.js";
import type { Actor } from "../domain/actor.js";
import { DomainError, invalidInput, notFound } from "../domain/errors.js";
import type { ResponseDeps } from "./deps.js";
import type { Incident, RoleAssignment } from "./incident.types.js";

/** The plan version an incident runs under (pinned at declaration). */
export async function pinnedPlan(
  deps: ResponseDeps,
  incident: Incident,
): Promise<StoredDocument<"plan">> {
  const plan = await deps.documents.get("plan", incident.plan_id, incident.plan_version);
  if (!plan) throw notFound("plan version", `${incident.plan_id}@${incident.plan_version}`);
  return plan as StoredDocument<"plan">;
}

export const severityIds = (plan: PlanDocument) => plan.severity_scale.map((s) => s.id);

export function requireSeverity(plan: PlanDocument, severity: string): void {
  if (!severityIds(plan).includes(severity))
    throw invalidInput(
      `unknown severity '${severity}'; the plan's scale is ${severityIds(plan).join(", ")}`,
    );
}

export function requireType(plan: PlanDocument, type: string) {
  const t = plan.incident_types.find((x) => x.id === type);
  if (!t)
    throw invalidInput(
      `unknown incident type '${type}'; the plan knows ${plan.incident_types.map((x) => x.id).join(", ")}`,
    );
  return t;
}

/** Checks attribute values against the plan's declared attribute types. */
export function validateAttributes(plan: PlanDocument, attributes: Record<string, unknown>): void {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    const def = plan.attributes.find((a) => a.id === key);
    if (!def) {
      problems.push(
        `unknown attribute '${key}' (the plan declares ${plan.attributes.map((a) => a.id).join(", ") || "none"})`,
      );
      continue;
    }
    const ok =
      (def.type === "boolean" && typeof value === "boolean") ||
      (def.type === "number" && typeof value === "number" && Number.isFinite(value)) ||
      (def.type === "string" && typeof value === "string") ||
      (def.type === "string_list" &&
        Array.isArray(value) &&
        value.every((v) => typeof v === "string"));
    if (!ok) problems.push(`attribute '${key}' must be a ${def.type.replace("_", " ")}`);
  }
  if (problems.length > 0)
    throw invalidInput(
      problems.join("; "),
      problems.map((message) => ({ message })),
    );
}

export type Authority = PlanDocument["roles"][number]["authority"][number];

/**
 * Whether an actor may exercise an authority on an incident: admins (and the local operator, an
 * admin) and the system may; a person may when a role they hold — in the plan's team or assigned
 * on this incident — carries it. The incident's commander always holds the commander role's
 * authority. A signed-in user is the team person named by their `person_id` (see domain/actor.ts).
 */
export function hasAuthority(
  plan: PlanDocument,
  incident: Incident,
  roles: RoleAssignment[],
  actor: Actor,
  authority: Authority,
): boolean {
  if (actor.kind === "system" || actor.admin === true) return true;
  if (actor.kind !== "person") return false;
  const held = new Set(plan.team.find((p) => p.id === actor.id)?.roles ?? []);
  for (const r of roles) if (r.person === actor.id && !r.ended_at) held.add(r.role);
  if (incident.commander === actor.id) held.add("commander");
  return plan.roles.some((r) => held.has(r.id) && r.authority.includes(authority));
}

export function requireAuthority(
  plan: PlanDocument,
  incident: Incident,
  roles: RoleAssignment[],
  actor: Actor,
  authority: Authority,
): void {
  if (!hasAuthority(plan, incident, roles, actor, authority))
    throw new DomainError(
      "forbidden",
      `${actor.id} does not hold a role with the '${authority}' authority on ${incident.human_id}`,
    );
}
