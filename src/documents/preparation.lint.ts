import { durationMs } from "../domain/duration.js";
import type { PolicyProblem } from "./declaration-policy.lint.js";
import type { PlanDocument } from "./plan.schema.js";

const DAY_MS = 86_400_000;

/**
 * Checks the plan's readiness programme and approvers: activity ids are unique, every owner
 * role exists and somebody holds it (an activity nobody can be reminded of never gets done),
 * cadences are at least a day, and every named approver is a team member holding a role with
 * the `approve_plan` authority (sign-offs are recorded per person, see docs/preparation.md).
 */
export function preparationProblems(plan: PlanDocument): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const problem = (path: (string | number)[], message: string, level: "error" | "warning") =>
    out.push({ path, message, level });
  const roles = new Set(plan.roles.map((r) => r.id));
  const held = new Set(plan.team.flatMap((p) => p.roles));
  const seen = new Set<string>();
  plan.preparation.forEach((a, i) => {
    const at = ["preparation", i];
    if (seen.has(a.id))
      problem([...at, "id"], `duplicate preparation activity id '${a.id}'`, "error");
    seen.add(a.id);
    if (!roles.has(a.owner_role))
      problem([...at, "owner_role"], `role '${a.owner_role}' is not defined in the plan`, "error");
    else if (!held.has(a.owner_role))
      problem(
        [...at, "owner_role"],
        `role '${a.owner_role}' is not filled by anyone in the plan's team, so nobody owns '${a.id}'`,
        "error",
      );
    if (durationMs(a.cadence) < DAY_MS)
      problem([...at, "cadence"], `cadence ${a.cadence} is shorter than a day`, "error");
    if (a.evidence.length === 0)
      problem(
        [...at, "evidence"],
        `activity '${a.id}' names no evidence: say what proves it was done`,
        "warning",
      );
  });

  const approvers = new Set(
    plan.roles.filter((r) => r.authority.includes("approve_plan")).map((r) => r.id),
  );
  plan.approval?.by.forEach((name, i) => {
    const person = plan.team.find((p) => p.id === name);
    if (!person)
      problem(
        ["approval", "by", i],
        `approver '${name}' is not a person in the plan's team; sign-offs are recorded for team members`,
        "warning",
      );
    else if (!person.roles.some((r) => approvers.has(r)))
      problem(
        ["approval", "by", i],
        `approver '${name}' holds no role with the 'approve_plan' authority`,
        "error",
      );
  });
  if (plan.approval?.quorum !== undefined && plan.approval.quorum > plan.approval.by.length)
    problem(
      ["approval", "quorum"],
      `quorum ${plan.approval.quorum} is more than the ${plan.approval.by.length} approver(s) named: no version could ever be approved`,
      "error",
    );
  return out;
}
