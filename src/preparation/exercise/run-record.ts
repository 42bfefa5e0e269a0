import type { StoredDocument } from "../../documents/document.types.js";
import type { ExerciseDocument } from "../../documents/exercise.schema.js";
import { DomainError, notFound } from "../../domain/errors.js";
import type { ExerciseRun, PreparationDeps } from "../preparation.types.js";

type Deps = Pick<PreparationDeps, "preparation" | "documents" | "clock">;

/** A run by id or human id, or not_found. */
export async function requireRun(deps: Deps, ref: string): Promise<ExerciseRun> {
  const run = await deps.preparation.runs.get(ref);
  if (!run) throw notFound("exercise run", ref);
  return run;
}

/** The exercise version a run was started from (runs keep their version, like incidents). */
export async function exerciseOf(deps: Deps, run: ExerciseRun): Promise<ExerciseDocument> {
  const doc = (await deps.documents.get("exercise", run.exercise_id, run.exercise_version)) as
    | StoredDocument<"exercise">
    | undefined;
  if (!doc) throw notFound("exercise", `${run.exercise_id}@${run.exercise_version}`);
  return doc.body;
}

/**
 * Changes a run with optimistic concurrency: reads it, applies `change`, stores it if nobody
 * changed it meanwhile, else tries again on the fresh state (injects and people act at once).
 * `change` returns undefined to leave the run as it is.
 */
export async function changeRun(
  deps: Deps,
  runId: string,
  change: (run: ExerciseRun) => ExerciseRun | undefined,
): Promise<{ run: ExerciseRun; changed: boolean }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const run = await requireRun(deps, runId);
    const next = change(run);
    if (!next) return { run, changed: false };
    const stored = {
      ...next,
      version: run.version + 1,
      updated_at: deps.clock.now().toISOString(),
    };
    if (await deps.preparation.runs.update(stored, run.version))
      return { run: stored, changed: true };
  }
  throw new DomainError("conflict", `exercise run ${runId} keeps changing; try again`);
}

/** Scenario milliseconds since the run started, at a real instant. */
export const scenarioOffset = (run: ExerciseRun, at: Date) =>
  Math.max(0, (at.getTime() - Date.parse(run.started_at)) * run.speed);
