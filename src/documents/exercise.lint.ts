import { durationMs } from "../domain/duration.js";
import { type PolicyProblem, policyFindings, procedureCovers } from "./declaration-policy.lint.js";
import type { ExerciseDocument } from "./exercise.schema.js";
import type { PlanDocument } from "./plan.schema.js";
import type { ProcedureDocument } from "./procedure.schema.js";

/**
 * Checks an exercise against the plan: the expected type and severity exist and a procedure
 * covers them (or running it could not declare), participants are plan roles, every recipient
 * exists, alert severities are on the scale, inject ids are unique and every inject falls
 * inside the exercise's duration.
 */
export function exerciseProblems(
  exercise: ExerciseDocument,
  plan: PlanDocument,
  procedures: readonly ProcedureDocument[],
): PolicyProblem[] {
  const { out, error } = policyFindings();
  const severities = plan.severity_scale.map((s) => s.id);
  const roles = new Set(plan.roles.map((r) => r.id));
  const known: Record<string, Set<string>> = {
    role: roles,
    person: new Set(plan.team.map((p) => p.id)),
    channel: new Set(plan.channels.map((c) => c.id)),
  };

  const { incident_type: type, severity } = exercise.expected;
  const typeKnown = plan.incident_types.some((t) => t.id === type);
  if (!typeKnown)
    error(["expected", "incident_type"], `'${type}' is not an incident type in the plan`);
  if (!severities.includes(severity))
    error(["expected", "severity"], `'${severity}' is not a severity on the plan's scale`);
  else if (typeKnown && !procedures.some((p) => procedureCovers(p, type, severity)))
    error(["expected"], `no procedure covers incident type '${type}' at severity '${severity}'`);

  exercise.participants.forEach((r, i) => {
    if (!roles.has(r)) error(["participants", i], `role '${r}' is not defined in the plan`);
  });

  const recipients = (list: readonly string[], path: (string | number)[]) =>
    list.forEach((spec, k) => {
      const [what = "", id = ""] = spec.split(":");
      if (!known[what]?.has(id)) error([...path, k], `${what} '${id}' is not defined in the plan`);
    });

  const duration = durationMs(exercise.duration);
  const ids = new Set<string>();
  exercise.injects.forEach((inject, i) => {
    const at = ["injects", i];
    if (ids.has(inject.id)) error([...at, "id"], `duplicate inject id '${inject.id}'`);
    ids.add(inject.id);
    if (durationMs(inject.at) > duration)
      error(
        [...at, "at"],
        `inject '${inject.id}' at ${inject.at} comes after the exercise ends (${exercise.duration})`,
      );
    if (inject.message) recipients(inject.message.to, [...at, "message", "to"]);
    if (inject.question) recipients(inject.question.to, [...at, "question", "to"]);
    inject.alerts?.forEach((alert, j) => {
      if (!severities.includes(alert.severity))
        error(
          [...at, "alerts", j, "severity"],
          `'${alert.severity}' is not a severity on the plan's scale`,
        );
    });
  });
  return out;
}
