export interface JobTables {
  jobs: JobsTable;
}

/**
 * Durable timers and background jobs. A row is claimed by one worker at a time (`locked_by`,
 * `locked_until` form its lease); finished rows (`done`, `failed`, `cancelled`) stay for
 * `FIREBREAK_JOB_RETENTION`, then `jobs.purge` deletes them.
 */
export interface JobsTable {
  id: string;
  /** What to run, e.g. `escalation.step`, `notification.deliver`, `clock.reminder`. */
  kind: string;
  /** JSON handed to the handler. */
  payload: string;
  /** When it may run first (or next, after a failed attempt). */
  due_at: string;
  /** pending, running, done, failed, cancelled. */
  status: string;
  /** How many times a worker has claimed it; a claim that crashed counts too. */
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_until: string | null;
  /** Unique among pending and running jobs: scheduling the same timer twice is a no-op. */
  dedup_key: string | null;
  created_at: string;
  finished_at: string | null;
}
