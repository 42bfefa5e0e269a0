import { durationMs } from "../domain/duration.js";
import { EVENTS_PURGE } from "../jobs/job-kinds.js";
import { defineJob, type JobDefinition } from "../jobs/registry.js";
import type { DetectionDeps } from "./detection.js";

/**
 * Events deleted per transaction. A month of backlog after an upgrade is millions of rows; in
 * batches of this size no transaction holds SQLite's write lock (which ingestion waits for) or
 * PostgreSQL's row locks for more than a few milliseconds.
 */
export const PURGE_BATCH = 1000;

type RetentionDeps = Pick<DetectionDeps, "detection" | "clock" | "config">;

/**
 * Deletes raw events received longer ago than `FIREBREAK_EVENT_RETENTION` (default P30D), with
 * their links to alerts, in batches of `batchSize` until none is left. Alerts themselves stay,
 * with their counts and first/last seen; only the raw events behind them go. Idempotent, so a
 * retried or repeated run does no harm.
 */
export async function purgeExpiredEvents(
  deps: RetentionDeps,
  batchSize = PURGE_BATCH,
): Promise<{ deleted: number; batches: number; before: string }> {
  const now = deps.clock.now();
  const before = new Date(now.getTime() - durationMs(deps.config.eventRetention)).toISOString();
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const n = await deps.detection.events.purgeBefore(before, batchSize);
    if (n > 0) batches++;
    deleted += n;
    if (n < batchSize) break;
  }
  await deps.detection.cluster?.purgeCorrelationWindows(before);
  return { deleted, batches, before };
}

/**
 * The recurring purge, every `FIREBREAK_EVENT_RETENTION_INTERVAL` (default PT1H). The first run
 * comes one interval after the first start, or after a minute when the interval is longer: a
 * restarted server owes its pages first, and the backlog of an upgraded one can wait a minute.
 */
export function retentionJob(deps: RetentionDeps): JobDefinition {
  const everyMs = durationMs(deps.config.eventRetentionInterval);
  return defineJob<Record<string, never>>({
    kind: EVENTS_PURGE,
    schedule: { type: "recurring", everyMs, firstAfterMs: Math.min(everyMs, 60_000) },
    handler: async () => {
      await purgeExpiredEvents(deps);
    },
  });
}
