/** Replays one inject of a run. */
export const EXERCISE_INJECT = "exercise.inject";
/** Ends a run when its duration has passed (scenario time). */
export const EXERCISE_FINISH = "exercise.finish";

/** The dedup key prefix of a run's jobs of a kind (cancelled together when the run ends). */
export const jobPrefix = (runId: string, kind: string) => `${kind}:${runId}:`;
