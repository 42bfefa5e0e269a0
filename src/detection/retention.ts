import { durationMs } from "../domain/duration.js";
import type { DetectionDeps } from "./detection.js";

/** The job kind the job worker runs the purge under (daily is plenty). */
export const EVENT_PURGE_JOB = "events.purge";

/**
 * Deletes raw events received longer ago than `FIREBREAK_EVENT_RETENTION` (default P30D), with
 * their links to alerts. Alerts themselves stay, with their counts and first/last seen; only the
 * raw events behind them go. Idempotent, so a retried job does no harm.
 */
export async function purgeExpiredEvents(
  deps: Pick<DetectionDeps, "detection" | "clock" | "config">,
): Promise<{ deleted: number; before: string }> {
  const now = deps.clock.now();
  const before = new Date(now.getTime() - durationMs(deps.config.eventRetention)).toISOString();
  const deleted = await deps.detection.events.purgeBefore(before);
  return { deleted, before };
}
