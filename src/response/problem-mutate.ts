import { DomainError, notFound } from "../domain/errors.js";
import type { LinkedIncident, Problem } from "../domain/problem.js";
import type { ProblemDeps } from "./problem.service.js";

const RETRIES = 8;

/**
 * One change to a problem with optimistic concurrency, as `mutateIncident` does for incidents:
 * with `expectedVersion` a concurrent change is a 409; without it the change is recomputed on
 * the fresh problem. `decide` returns the new state (or null: nothing to do) and links to add.
 */
export async function mutateProblem(
  deps: ProblemDeps,
  ref: string,
  expectedVersion: number | undefined,
  decide: (
    problem: Problem,
    linked: LinkedIncident[],
    at: string,
  ) => { problem: Problem; link?: string[] } | null,
): Promise<{ before: Problem; after: Problem; linked: string[] } | null> {
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    const problem = await deps.problems.get(ref);
    if (!problem) throw notFound("problem", ref);
    if (expectedVersion !== undefined && problem.version !== expectedVersion)
      throw stale(problem, expectedVersion);
    const at = deps.clock.now().toISOString();
    const next = decide(problem, await deps.problems.incidents(problem.id), at);
    if (!next) return null;
    const after = { ...next.problem, updated_at: at };
    const link = next.link ?? [];
    if (
      await deps.problems.update(
        after,
        problem.version,
        link.length > 0 ? { incidentIds: link, at } : undefined,
      )
    )
      return { before: problem, after: { ...after, version: problem.version + 1 }, linked: link };
    if (expectedVersion !== undefined)
      throw stale((await deps.problems.get(ref)) as Problem, expectedVersion);
  }
  throw new DomainError("conflict", `problem ${ref} is changing too fast; try again`);
}

function stale(problem: Problem, expected: number) {
  return new DomainError(
    "stale_version",
    `problem ${problem.human_id} is at version ${problem.version}, not ${expected}: someone else changed it; reload and try again`,
    [],
    { current_version: problem.version },
  );
}
