import type { Actor } from "../domain/actor.js";
import {
  EXERCISE_FINISH,
  EXERCISE_INJECT,
  PREPARATION_REMINDER,
  PREPARATION_SYNC,
} from "../jobs/job-kinds.js";
import { defineJob, type JobDefinition } from "../jobs/registry.js";
import type { JobHandler } from "../jobs/worker.js";
import { type CompletionInput, getActivity, recordCompletion } from "./activity.service.js";
import { finishHandler, injectHandler } from "./exercise/jobs.js";
import type { PreparationDeps } from "./preparation.types.js";
import { readiness, takeSnapshot } from "./readiness.service.js";
import { cancelReminders, reminderHandler, scheduleReminders } from "./reminders.js";

const HOUR_MS = 3_600_000;
/** A snapshot is kept when the score changed, or at least this often. */
const SNAPSHOT_EVERY_MS = 23 * HOUR_MS;

/** Keeps a readiness snapshot when the score moved or the last one is a day old. */
async function snapshotIfChanged(deps: PreparationDeps): Promise<void> {
  const [last] = await deps.preparation.snapshots.list({ limit: 1 });
  const current = await readiness(deps);
  if (
    !last ||
    last.score !== current.score ||
    Date.parse(current.taken_at) - Date.parse(last.taken_at) >= SNAPSHOT_EVERY_MS
  )
    await takeSnapshot(deps, current);
}

/**
 * The `preparation.sync` handler: schedules the reminders of new cycles (a plan upload may have
 * added activities) and keeps the readiness history. The registry schedules its next run, also
 * after a run that failed for good.
 */
export function syncHandler(deps: PreparationDeps): JobHandler<Record<string, never>> {
  return async () => {
    await scheduleReminders(deps);
    await snapshotIfChanged(deps);
  };
}

/**
 * The preparation part of the job registry: reminders, exercise injects and ends (on demand) and
 * the hourly sync, which also catches up on whatever fell due while no worker ran. The first
 * sync of a new database waits `firstSyncMs` (a minute by default): computing the readiness
 * score compiles the rules and reads the library, work that should not compete with the pages a
 * starting server owes.
 */
export function preparationJobs(
  deps: PreparationDeps,
  options: { firstSyncMs?: number } = {},
): JobDefinition[] {
  const schedule = { type: "on-demand" } as const;
  return [
    defineJob({
      kind: PREPARATION_SYNC,
      handler: syncHandler(deps),
      schedule: {
        type: "recurring",
        everyMs: HOUR_MS,
        firstAfterMs: options.firstSyncMs ?? 60_000,
        maxAttempts: 10,
      },
    }),
    defineJob({ kind: PREPARATION_REMINDER, handler: reminderHandler(deps), schedule }),
    defineJob({ kind: EXERCISE_INJECT, handler: injectHandler(deps), schedule }),
    defineJob({ kind: EXERCISE_FINISH, handler: finishHandler(deps), schedule }),
  ];
}

/**
 * Records a completion with its evidence, then moves the activity to its next cycle (the old
 * cycle's reminders are cancelled, the new one's scheduled) and snapshots the readiness score,
 * which the completion may have raised.
 */
export async function completeActivity(
  deps: PreparationDeps,
  activityId: string,
  input: CompletionInput,
  actor: Actor,
) {
  const completion = await recordCompletion(deps, activityId, input, actor);
  await cancelReminders(deps, activityId);
  await scheduleReminders(deps);
  const readiness = await takeSnapshot(deps);
  return {
    completion,
    activity: await getActivity(deps, activityId),
    readiness_score: readiness.score,
  };
}
