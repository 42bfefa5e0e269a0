import type { Actor } from "../domain/actor.js";
import type { Problem } from "../domain/problem.js";
import { listProblems, transitionProblem } from "../response/problem.service.js";
import type { PostIncidentDeps } from "./deps.js";
import type { ActionItem, Rca } from "./postincident.types.js";
import { recordOn } from "./record.js";

/** The problem records an RCA speaks for: its own problem, or those linked to its incident. */
export async function linkedProblems(deps: PostIncidentDeps, rca: Rca): Promise<Problem[]> {
  if (rca.problem_id) {
    const p = await deps.problems.get(rca.problem_id);
    return p ? [p] : [];
  }
  if (!rca.incident_id) return [];
  return (await listProblems(deps, { incident: rca.incident_id }, 200)).items;
}

/**
 * A found root cause updates the problem record: an open problem becomes a known error with the
 * cause and the workaround; a known error whose recorded cause differs gets the analysed cause
 * (the linked incidents' timelines say so). Resolved problems are history and stay as they are.
 */
export async function applyRootCause(
  deps: PostIncidentDeps,
  rca: Rca,
  cause: string,
  workaround: string,
  actor: Actor,
): Promise<string[]> {
  const touched: string[] = [];
  for (const p of await linkedProblems(deps, rca)) {
    if (p.state === "open") {
      await transitionProblem(deps, p.id, { to: "known_error", cause, workaround }, actor);
      touched.push(p.human_id);
    } else if (p.state === "known_error" && p.cause !== cause) {
      // Only the cause changes; a conflicting concurrent edit leaves the record as the other wrote it.
      if (
        await deps.problems.update(
          { ...p, cause, updated_at: deps.clock.now().toISOString() },
          p.version,
        )
      ) {
        const linked = await deps.problems.incidents(p.id);
        await recordOn(
          deps,
          linked.map((l) => l.incident_id),
          "problem.cause_updated",
          { problem_id: p.id, problem: p.human_id, from: p.cause, to: cause, rca: rca.human_id },
          actor,
        );
        touched.push(p.human_id);
      }
    }
  }
  return touched;
}

/**
 * An RCA whose solution is implemented and verified resolves its problem records: the fix is the
 * solution with the action items that implemented it, verified by whoever verified them.
 */
export async function resolveProblems(
  deps: PostIncidentDeps,
  rca: Rca,
  items: readonly ActionItem[],
  actor: Actor,
): Promise<string[]> {
  const done = items.filter((i) => i.status === "done");
  const fix = [
    rca.solution?.summary ?? "",
    ...done.map((i) => `${i.human_id} ${i.title}: ${i.verification ?? ""}`),
  ].join("\n");
  const verifiers = [...new Set(done.map((i) => i.verified_by).filter((v): v is string => !!v))];
  const root = rca.causes.find((c) => c.id === rca.root_cause_id)?.statement ?? "";
  const touched: string[] = [];
  for (const p of await linkedProblems(deps, rca)) {
    if (p.state === "resolved") continue;
    if (p.state === "open")
      await transitionProblem(
        deps,
        p.id,
        { to: "known_error", cause: root, workaround: rca.solution?.workaround ?? "none" },
        actor,
      );
    await transitionProblem(
      deps,
      p.id,
      { to: "resolved", fix, verified_by: verifiers.join(", ") || "unrecorded" },
      actor,
    );
    touched.push(p.human_id);
  }
  return touched;
}
