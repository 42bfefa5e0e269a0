import type { Incident, Task, TimelineEntry } from "../../api/incidents";
import { incidentsApi } from "../../api/incidents";
import { usePolling } from "../../hooks/use-polling";
import { useResource } from "../../hooks/use-resource";

export interface ActivityItem {
  incident: Incident;
  entry: TimelineEntry;
}

/** A task and its incident (overdue ones, or the signed-in person's). */
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
  /** Unfinished tasks assigned to the signed-in person, soonest due first. */
  mine: OverdueTask[];
}

const unfinished = (task: Task) => task.status !== "done" && task.status !== "skipped";
const soonestDue = (a: OverdueTask, b: OverdueTask) =>
  (a.task.due_at ?? "~").localeCompare(b.task.due_at ?? "~");

/** How many open incidents the dashboard reads tasks and timelines of (most recently changed). */
const DETAIL_LIMIT = 10;
const REFRESH_MS = 30_000;

/**
 * What the dashboard shows, assembled from the incident API: every open incident, and for the
 * most recently changed ones their latest timeline entries, overdue tasks and the tasks of `me`
 * (the signed-in user's person id). Refreshed every 30 seconds.
 */
export function useDashboard(me?: string | null) {
  const resource = useResource<DashboardData>(
    async (signal) => {
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
        .flatMap(({ incident, timeline }) =>
          timeline.slice(-8).map((entry) => ({ incident, entry })),
        )
        .sort((a, b) => b.entry.recorded_at.localeCompare(a.entry.recorded_at))
        .slice(0, 12);
      const overdue = details
        .flatMap(({ incident, tasks }) =>
          tasks
            .filter((task) => task.due_at && Date.parse(task.due_at) < now && unfinished(task))
            .map((task) => ({ incident, task })),
        )
        .sort(soonestDue);
      const mine = me
        ? details
            .flatMap(({ incident, tasks }) =>
              tasks
                .filter((t) => t.assignee === me && unfinished(t))
                .map((task) => ({ incident, task })),
            )
            .sort(soonestDue)
        : [];
      return { open, truncated: page.next_cursor !== null, activity, overdue, mine };
    },
    [me],
  );

  usePolling(resource.reload, REFRESH_MS);

  return resource;
}
