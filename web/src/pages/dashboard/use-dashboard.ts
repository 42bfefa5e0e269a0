import type { Incident, Task, TimelineEntry } from "../../api/incidents";
import { incidentsApi } from "../../api/incidents";
import { usePolling } from "../../hooks/use-polling";
import { useResource } from "../../hooks/use-resource";

export interface ActivityItem {
  incident: Incident;
  entry: TimelineEntry;
}

export interface OverdueTask {
  incident: Incident;
  task: Task;
}

export interface DashboardData {
  open: Incident[];
  /** More open incidents exist than were read. */
  truncated: boolean;
  activity: ActivityItem[];
  overdue: OverdueTask[];
}

/** How many open incidents the dashboard reads tasks and timelines of (most recently changed). */
const DETAIL_LIMIT = 10;
const REFRESH_MS = 30_000;

/**
 * What the dashboard shows, assembled from the incident API: every open incident, and for the
 * most recently changed ones their latest timeline entries and overdue tasks. Refreshed every
 * 30 seconds.
 */
export function useDashboard() {
  const resource = useResource<DashboardData>(async (signal) => {
    const page = await incidentsApi.list({ open: true, limit: 500 }, signal);
    const open = page.items;
    const recent = [...open]
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at))
      .slice(0, DETAIL_LIMIT);
    const details = await Promise.all(
      recent.map(async (incident) => {
        const [tasks, timeline] = await Promise.all([
          incidentsApi.tasks(incident.human_id, signal),
          incidentsApi.timeline(incident.human_id, undefined, signal),
        ]);
        return { incident, tasks, timeline };
      }),
    );
    const now = Date.now();
    const activity = details
      .flatMap(({ incident, timeline }) => timeline.slice(-8).map((entry) => ({ incident, entry })))
      .sort((a, b) => b.entry.recorded_at.localeCompare(a.entry.recorded_at))
      .slice(0, 12);
    const overdue = details
      .flatMap(({ incident, tasks }) =>
        tasks
          .filter(
            (task) =>
              task.due_at &&
              Date.parse(task.due_at) < now &&
              task.status !== "done" &&
              task.status !== "skipped",
          )
          .map((task) => ({ incident, task })),
      )
      .sort((a, b) => (a.task.due_at ?? "").localeCompare(b.task.due_at ?? ""));
    return { open, truncated: page.next_cursor !== null, activity, overdue };
  }, []);

  usePolling(resource.reload, REFRESH_MS);

  return resource;
}
