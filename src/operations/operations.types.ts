/**
 * What the database says about the whole deployment, for an operator's dashboards: the same
 * numbers on every node (aggregate them across instances with max, not sum).
 */
export interface OperationsSnapshot {
  /** Incidents by phase, exercises included. */
  incidentsByPhase: Record<string, number>;
  /** Jobs waiting and running. */
  jobs: { pending: number; running: number };
  /** The due time of the oldest pending job that is due: how late the timers run. */
  oldestDueAt: string | null;
  /** Notifications given up as failed, by channel kind (never deleted, so this only grows). */
  failedNotifications: Record<string, number>;
}

/** Reads the snapshot; each part one indexed query. */
export interface OperationsStore {
  snapshot(now: string): Promise<OperationsSnapshot>;
}
