import type { JobHandler } from "../../jobs/worker.js";
import type { PreparationDeps } from "../preparation.types.js";
import { finishRun } from "./finish.js";
import { deliverInject, EXERCISE_ACTOR } from "./inject.js";
import { exerciseOf } from "./run-record.js";

export interface InjectPayload {
  runId: string;
  injectId: string;
}

/**
 * The `exercise.inject` handler. Idempotent: a run that has ended, or an inject the log says
 * was delivered, is left alone. (A crash between delivering and logging replays the inject;
 * the alerts' dedup keys absorb the repeat, its events are stored twice.)
 */
export function injectHandler(deps: PreparationDeps): JobHandler<InjectPayload> {
  return async (job) => {
    const run = await deps.preparation.runs.get(job.payload.runId);
    if (run?.status !== "running") return;
    const log = await deps.preparation.runs.log(run.id);
    if (
      log.some((e) => e.kind === "inject.delivered" && e.payload.inject_id === job.payload.injectId)
    )
      return;
    const exercise = await exerciseOf(deps, run);
    const index = exercise.injects.findIndex((i) => i.id === job.payload.injectId);
    const inject = exercise.injects[index];
    if (!inject) return;
    const payload = await deliverInject(deps, run, inject, index);
    await deps.preparation.runs.append(run.id, [
      {
        at: deps.clock.now().toISOString(),
        kind: "inject.delivered",
        actor: EXERCISE_ACTOR,
        payload,
      },
    ]);
  };
}

/** The `exercise.finish` handler: scores and closes the run (nothing if it already ended). */
export function finishHandler(deps: PreparationDeps): JobHandler<{ runId: string }> {
  return async (job) => {
    const run = await deps.preparation.runs.get(job.payload.runId);
    if (run?.status !== "running") return;
    await finishRun(deps, run.id, EXERCISE_ACTOR, "the exercise's time is up");
  };
}
