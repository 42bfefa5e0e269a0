import type { StoredDocument } from "../documents/document.types.js";
import type { PlanDocument } from "../documents/plan.schema.js";
import type { Actor } from "../domain/actor.js";
import { invalidInput, notFound } from "../domain/errors.js";
import type { Incident } from "../domain/incident/model.js";
import type { AuthorityContext } from "./authority.js";
import type { ResponseDeps } from "./deps.js";

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

/**
 * The facts `authorise` (authority.ts) decides on, read for one incident: the plan version it
 * runs under, its role assignments, the actor and the time.
 */
export async function authorityContext(
  deps: ResponseDeps,
  incident: Incident,
  actor: Actor,
  now: Date,
): Promise<AuthorityContext> {
  const plan = await pinnedPlan(deps, incident);
  return { plan: plan.body, incident, roles: await deps.incidents.roles(incident.id), actor, now };
}
