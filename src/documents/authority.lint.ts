import type { PolicyProblem } from "./declaration-policy.lint.js";
import type { Authority, PlanDocument } from "./plan.schema.js";

/**
 * Checks the plan's command and closing rules (docs/documents.md, "Authority"): the severity
 * `command.required_from` names is on the scale and the plan has the `commander` role it needs;
 * a role's `on_call_authority` has a rotation to put someone on call; and when the plan requires
 * a commander or post-incident work, somebody besides an admin can put a commander in place or
 * override a close.
 */
export function authorityProblems(plan: PlanDocument): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const problem = (path: (string | number)[], message: string, level: "error" | "warning") =>
    out.push({ path, message, level });
  const severities = plan.severity_scale.map((s) => s.id);
  const rotations = new Set(plan.on_call.map((r) => r.role));
  const staffed = new Set(plan.team.flatMap((p) => p.roles));
  const someoneHolds = (a: Authority) =>
    plan.roles.some(
      (r) =>
        (staffed.has(r.id) && r.authority.includes(a)) ||
        (rotations.has(r.id) && (r.on_call_authority ?? []).includes(a)),
    );

  const from = plan.command.required_from;
  if (from !== undefined) {
    if (!severities.includes(from))
      problem(
        ["command", "required_from"],
        `'${from}' is not a severity on the plan's scale (${severities.join(", ")})`,
        "error",
      );
    if (!plan.roles.some((r) => r.id === "commander"))
      problem(
        ["command", "required_from"],
        "the plan requires a commander but defines no 'commander' role",
        "error",
      );
    if (!someoneHolds("assign_commander"))
      problem(
        ["command", "required_from"],
        "no staffed role carries 'assign_commander' (nor on call): only an admin can put a commander in place",
        "warning",
      );
  }

  plan.roles.forEach((r, i) => {
    if ((r.on_call_authority ?? []).length > 0 && !rotations.has(r.id))
      problem(
        ["roles", i, "on_call_authority"],
        `role '${r.id}' has no on-call rotation, so nobody ever holds its on_call_authority`,
        "warning",
      );
  });

  const canOverride = plan.roles.some(
    (r) =>
      staffed.has(r.id) && r.authority.includes("close") && r.authority.includes("override_gate"),
  );
  plan.severity_scale.forEach((level, i) => {
    const seen = new Set<string>();
    level.close_requires.forEach((o, j) => {
      if (seen.has(o))
        problem(["severity_scale", i, "close_requires", j], `'${o}' is listed twice`, "warning");
      seen.add(o);
    });
    if (level.close_requires.length > 0 && !canOverride)
      problem(
        ["severity_scale", i, "close_requires"],
        "no staffed role carries both 'close' and 'override_gate': only an admin can close without the required work",
        "warning",
      );
  });
  return out;
}
