import { visibleTo } from "../auth/incident-visibility.js";
import type { Actor } from "../domain/actor.js";
import type { Clock } from "../domain/clock.js";
import type { Incident } from "../domain/incident/model.js";
import type { DashboardActivity, DashboardStore, DashboardTask } from "./dashboard.types.js";
import type { IncidentStore } from "./incident.types.js";

/** Open incidents read at most; the dashboard says when there are more. */
export const DASHBOARD_OPEN_LIMIT = 500;
const ACTIVITY_LIMIT = 12;
const TASK_LIMIT = 50;

export interface Dashboard {
  open: Incident[];
  /** More open incidents exist than `open` holds. */
  truncated: boolean;
  activity: DashboardActivity[];
  /** Unfinished tasks past their due time, soonest due first. */
  overdue: DashboardTask[];
  /** Unfinished tasks assigned to the caller's person, soonest due first. */
  mine: DashboardTask[];
}

export interface DashboardDeps {
  incidents: Pick<IncidentStore, "list">;
  dashboard: DashboardStore;
  clock: Clock;
}

/**
 * What the dashboard shows, in four bounded queries however many incidents are open: the open
 * incidents, the latest activity across them, overdue tasks and the caller's own tasks.
 * Restricted incidents count only for those who take part in them.
 */
export async function dashboard(deps: DashboardDeps, actor: Actor | undefined): Promise<Dashboard> {
  const scope = { visibleTo: visibleTo(actor) };
  const me = actor?.kind === "person" ? actor.id : undefined;
  const now = deps.clock.now().toISOString();
  const [page, activity, overdue, mine] = await Promise.all([
    deps.incidents.list({ open: true, visibleTo: scope.visibleTo }, DASHBOARD_OPEN_LIMIT),
    deps.dashboard.recentActivity(scope, ACTIVITY_LIMIT),
    deps.dashboard.openTasks(scope, { dueBefore: now }, TASK_LIMIT),
    me ? deps.dashboard.openTasks(scope, { assignee: me }, TASK_LIMIT) : [],
  ]);
  return { open: page.items, truncated: page.next_cursor !== null, activity, overdue, mine };
}
