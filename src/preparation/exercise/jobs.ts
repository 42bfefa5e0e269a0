import type { ExerciseDocument } from "../../documents/exercise.schema.js";
import { durationMs } from "../../domain/duration.js";
import { EXERCISE_FINISH, EXERCISE_INJECT } from "../../jobs/job-kinds.js";
import type { JobHandler } from "../../jobs/worker.js";
import type { ExerciseRun, PreparationDeps } from "../preparation.types.js";
import { finishRun } from "./finish.js";
import { deliverInject, EXERCISE_ACTOR } from "./inject.js";
import { jobPrefix } from "./job-kinds.js";
import { exerciseOf } from "./run-record.js";

/** An inject job: which run, which inject. */
export interface InjectPayload {
  runId: string;
  injectId: string;
}

/** The injects in the order they are played: by offset, then as written. */
export function playOrder(exercise: ExerciseDocument) {
  return exercise.injects
    .map((inject, index) => ({ inject, index }))
    .sort((a, b) => durationMs(a.inject.at) - durationMs(b.inject.at) || a.index - b.index);
}

/**
 * Schedules the inject at `position` in play order, due at its offset scaled by the run's
 * speed (at once if that has passed); after the last inject, the end of the run. Injects are
 * chained, each scheduling the next when it has been delivered, so that injects due together
 * (a worker that was down, a fast speed) are still played in order — a policy sees the first
 * alert before the second, as it would in the story — and the run never ends before its last
 * inject went out.
 */
export async function scheduleInject(
  deps: PreparationDeps,
  run: ExerciseRun,
  exercise: ExerciseDocument,
  position: number,
): Promise<void> {
  const next = playOrder(exercise)[position];
  const now = deps.clock.now();
  if (!next) {
    await deps.jobs.schedule(
      {
        kind: EXERCISE_FINISH,
        payload: { runId: run.id },
        dueAt: new Date(Math.max(Date.parse(run.ends_at), now.getTime())),
        dedupKey: jobPrefix(run.id, EXERCISE_FINISH),
        maxAttempts: 10,
      },
      now,
    );
    return;
  }
  const due = Date.parse(run.started_at) + durationMs(next.inject.at) / run.speed;
  await deps.jobs.schedule(
    {
      kind: EXERCISE_INJECT,
      payload: { runId: run.id, injectId: next.inject.id },
      dueAt: new Date(Math.max(due, now.getTime())),
      dedupKey: `${jobPrefix(run.id, EXERCISE_INJECT)}${next.inject.id}`,
      maxAttempts: 5,
    },
    now,
  );
}

/**
 * The `exercise.inject` handler: delivers the inject, logs it, schedules the next one.
 * Idempotent: a run that has ended is left alone, and an inject the log says was delivered is
 * not delivered again (only the next one is scheduled, which a crash may have missed). A crash
 * between delivering and logging replays the inject: the alerts' dedup keys absorb the repeat,
 * its events are stored twice.
 */
export function injectHandler(deps: PreparationDeps): JobHandler<InjectPayload> {
  return async (job) => {
    const run = await deps.preparation.runs.get(job.payload.runId);
    if (run?.status !== "running") return;
    const exercise = await exerciseOf(deps, run);
    const order = playOrder(exercise);
    const position = order.findIndex((x) => x.inject.id === job.payload.injectId);
    const entry = order[position];
    if (!entry) return;
    const log = await deps.preparation.runs.log(run.id);
    if (
      !log.some((e) => e.kind === "inject.delivered" && e.payload.inject_id === entry.inject.id)
    ) {
      const payload = await deliverInject(deps, run, entry.inject, entry.index);
      await deps.preparation.runs.append(run.id, [
        {
          at: deps.clock.now().toISOString(),
          kind: "inject.delivered",
          actor: EXERCISE_ACTOR,
          payload,
        },
      ]);
    }
    await scheduleInject(deps, run, exercise, position + 1);
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
