import type { Incident, Task, TimelineEntry } from "../domain/incident/model.js";

/** Enough of an incident to name and link it beside one of its tasks or timeline entries. */
export type IncidentSummary = Pick<Incident, "id" | "human_id" | "title" | "severity" | "phase">;

export interface DashboardTask {
  incident: IncidentSummary;
  task: Task;
}

export interface DashboardActivity {
  incident: IncidentSummary;
  entry: TimelineEntry;
}

/**
 * Which incidents the dashboard reads across: open ones (not closed, declined or merged), not
 * exercises, and of restricted ones only those `visibleTo` takes part in (absent: all).
 */
export interface DashboardScope {
  visibleTo?: string;
}

/**
 * The dashboard's reads across every open incident, each one query bounded by `limit`, so that
 * what the dashboard costs does not grow with the number of open incidents or their history.
 */
export interface DashboardStore {
  /** The latest timeline entries across open incidents, newest first. */
  recentActivity(scope: DashboardScope, limit: number): Promise<DashboardActivity[]>;
  /**
   * Unfinished tasks (not done or skipped) of open incidents, soonest due first (undated last):
   * those due before `dueBefore`, and/or those assigned to `assignee`.
   */
  openTasks(
    scope: DashboardScope,
    which: { dueBefore?: string; assignee?: string },
    limit: number,
  ): Promise<DashboardTask[]>;
}
