import type { Actor } from "../domain/actor.js";
import type { JobHandler, JobWorker } from "../jobs/worker.js";
import { type CompletionInput, getActivity, recordCompletion } from "./activity.service.js";
import { EXERCISE_FINISH, EXERCISE_INJECT } from "./exercise/job-kinds.js";
import { finishHandler, injectHandler } from "./exercise/jobs.js";
import type { PreparationDeps } from "./preparation.types.js";
import { readiness, takeSnapshot } from "./readiness.service.js";
import {
  cancelReminders,
  PREPARATION_REMINDER,
  reminderHandler,
  scheduleReminders,
} from "./reminders.js";

/** The hourly housekeeping job: reminders for new cycles and activities, readiness history. */
export const PREPARATION_SYNC = "preparation.sync";

/** Every job kind the preparation module runs (for `serve`'s worker). */
export const PREPARATION_JOB_KINDS = [
  PREPARATION_SYNC,
  PREPARATION_REMINDER,
  EXERCISE_INJECT,
  EXERCISE_FINISH,
] as const;

const HOUR_MS = 3_600_000;
/** A snapshot is kept when the score changed, or at least this often. */
const SNAPSHOT_EVERY_MS = 23 * HOUR_MS;

const syncKey = (at: Date) => `${PREPARATION_SYNC}:${at.toISOString().slice(0, 13)}`;

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
 * The `preparation.sync` handler. It schedules its own next run first, so that a failing run
 * does not end the chain; then it schedules the reminders of new cycles (a plan upload may have
 * added activities) and keeps the readiness history.
 */
export function syncHandler(deps: PreparationDeps): JobHandler<Record<string, never>> {
  return async () => {
    const next = new Date(deps.clock.now().getTime() + HOUR_MS);
    await deps.jobs.schedule(
      {
        kind: PREPARATION_SYNC,
        payload: {},
        dueAt: next,
        dedupKey: syncKey(next),
        maxAttempts: 10,
      },
      deps.clock.now(),
    );
    await scheduleReminders(deps);
    await snapshotIfChanged(deps);
  };
}

/**
 * Registers the preparation handlers on a worker (reminders, exercise injects and ends, the
 * hourly sync) and schedules a sync, which catches up on whatever fell due while no worker ran.
 * The sync waits `firstSyncMs` (a minute by default): computing the readiness score compiles
 * the rules and reads the library, work that should not compete with the pages a restarted
 * server owes. Safe on every node and every start.
 */
export async function startPreparationJobs(
  worker: JobWorker,
  deps: PreparationDeps,
  options: { firstSyncMs?: number } = {},
): Promise<void> {
  worker.handle(PREPARATION_SYNC, syncHandler(deps));
  worker.handle(PREPARATION_REMINDER, reminderHandler(deps));
  worker.handle(EXERCISE_INJECT, injectHandler(deps));
  worker.handle(EXERCISE_FINISH, finishHandler(deps));
  const now = deps.clock.now();
  const first = new Date(now.getTime() + (options.firstSyncMs ?? 60_000));
  await deps.jobs.schedule(
    {
      kind: PREPARATION_SYNC,
      payload: {},
      dueAt: first,
      dedupKey: syncKey(first),
      maxAttempts: 10,
    },
    now,
  );
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
