import type { Config } from "../config.js";
import type { Clock } from "../domain/clock.js";
import { durationMs } from "../domain/duration.js";
import type { JobStore } from "./job.types.js";
import { JOBS_PURGE } from "./job-kinds.js";
import { defineJob, type JobDefinition } from "./registry.js";

/** Jobs deleted per statement: short enough that no writer waits on it for long. */
export const JOB_PURGE_BATCH = 1000;
const HOUR_MS = 3_600_000;

interface JobRetentionDeps {
  jobs: JobStore;
  clock: Clock;
  config: Pick<Config, "jobRetention">;
}

/**
 * Deletes jobs that finished longer ago than `FIREBREAK_JOB_RETENTION` (default P30D), in
 * batches, so that the jobs table holds the live timers and a month of history rather than every
 * notification ever sent. What a job did stays where people read it: the incident's timeline and
 * the notification records. Idempotent.
 */
export async function purgeFinishedJobs(
  deps: JobRetentionDeps,
  batchSize = JOB_PURGE_BATCH,
): Promise<{ deleted: number; before: string }> {
  const now = deps.clock.now();
  const before = new Date(now.getTime() - durationMs(deps.config.jobRetention)).toISOString();
  let deleted = 0;
  for (;;) {
    const n = await deps.jobs.purgeFinishedBefore(before, batchSize);
    deleted += n;
    if (n < batchSize) return { deleted, before };
  }
}

/** The hourly purge; the first run a minute after the first start. */
export function jobRetentionJob(deps: JobRetentionDeps): JobDefinition {
  return defineJob<Record<string, never>>({
    kind: JOBS_PURGE,
    schedule: { type: "recurring", everyMs: HOUR_MS, firstAfterMs: 60_000 },
    handler: async () => {
      await purgeFinishedJobs(deps);
    },
  });
}
