import { findVisibleIncident, visibleTo } from "../auth/incident-visibility.js";
import { currentPlan } from "../documents/document.service.js";
import type { Actor } from "../domain/actor.js";
import { describeActor } from "../domain/actor.js";
import { DomainError, invalidInput, notFound } from "../domain/errors.js";
import type { TaskStatus } from "../domain/incident/task.js";
import type { ActionStatus } from "../domain/post-incident-states.js";
import { refersToRow } from "../domain/row-id.js";
import { mutateIncident } from "../response/mutate.js";
import type { PostIncidentDeps } from "./deps.js";
import type { FollowUpTask } from "./postincident.types.js";

/**
 * One list of everything still to be done after incidents: action items, and tasks marked
 * follow-up on closed incidents (`task:<id>`), with whether each is overdue now.
 */
export interface ActionItemView {
  /** ACT-2026-0001, or task:<task id> for a follow-up task. */
  ref: string;
  id: string;
  source: "action_item" | "follow_up_task";
  title: string;
  owner: string | null;
  owner_name: string | null;
  due_at: string | null;
  status: ActionStatus;
  overdue: boolean;
  overdue_by_ms: number | null;
  incident: { id: string; human_id: string; title: string } | null;
  problem_id: string | null;
  rca_id: string | null;
  verification: string | null;
  verified_by: string | null;
  completed_at: string | null;
  /** Send it back as If-Match (action items only). */
  version: number | null;
}

export interface ActionListFilter {
  status?: ActionStatus[];
  owner?: string;
  incident?: string;
  problem?: string;
  rca?: string;
  overdue?: boolean;
  /** Leave out follow-up tasks of closed incidents. */
  items_only?: boolean;
  limit?: number;
  /** Who is asking: what belongs to restricted incidents they do not take part in is left out. */
  viewer?: Actor;
}

const TASK_STATUS: Record<TaskStatus, ActionStatus> = {
  open: "open",
  blocked: "open",
  in_progress: "in_progress",
  done: "done",
  skipped: "cancelled",
};

const isOpen = (s: ActionStatus) => s === "open" || s === "in_progress";

function overdueness(status: ActionStatus, due: string | null, now: Date) {
  const late = due && isOpen(status) ? now.getTime() - Date.parse(due) : null;
  return late !== null && late > 0
    ? { overdue: true, overdue_by_ms: late }
    : { overdue: false, overdue_by_ms: null };
}

/** Everything still to be done (or done) after incidents, soonest due first. */
export async function listActionItems(
  deps: PostIncidentDeps,
  filter: ActionListFilter,
  now: Date = deps.clock.now(),
): Promise<ActionItemView[]> {
  const limit = Math.min(Math.max(filter.limit ?? 200, 1), 1000);
  const incident = filter.incident
    ? await findVisibleIncident(deps, filter.viewer, filter.incident)
    : undefined;
  if (filter.incident && !incident) throw notFound("incident", filter.incident);
  const person = visibleTo(filter.viewer);
  const overdueAt = filter.overdue ? now.toISOString() : undefined;
  const items = await deps.actionItems.list(
    {
      status: filter.status,
      owner: filter.owner,
      incident: incident?.id,
      problem: filter.problem,
      rca: filter.rca,
      overdueAt,
      visibleTo: person,
    },
    limit,
  );
  const plan = await currentPlan(deps.documents).catch(() => undefined);
  const names = new Map((plan?.body.team ?? []).map((p) => [p.id, p.name]));
  const incidents = new Map<string, ActionItemView["incident"]>();
  const incidentOf = async (id: string | null) => {
    if (!id) return null;
    if (!incidents.has(id)) {
      const i = await deps.incidents.get(id);
      incidents.set(id, i ? { id: i.id, human_id: i.human_id, title: i.title } : null);
    }
    return incidents.get(id) ?? null;
  };
  const views: ActionItemView[] = [];
  for (const i of items)
    views.push({
      ref: i.human_id,
      id: i.id,
      source: "action_item",
      title: i.title,
      owner: i.owner,
      owner_name: names.get(i.owner) ?? null,
      due_at: i.due_at,
      status: i.status,
      ...overdueness(i.status, i.due_at, now),
      incident: await incidentOf(i.incident_id),
      problem_id: i.problem_id,
      rca_id: i.rca_id,
      verification: i.verification,
      verified_by: i.verified_by,
      completed_at: i.completed_at,
      version: i.version,
    });
  const wantTasks = !filter.items_only && !filter.problem && !filter.rca;
  if (wantTasks) {
    const tasks = await deps.actionItems.followUpTasks({
      incident: incident?.id,
      overdueAt,
      visibleTo: person,
    });
    for (const t of tasks) {
      const view = taskView(t, names, now);
      if (filter.status?.length && !filter.status.includes(view.status)) continue;
      if (filter.owner && view.owner !== filter.owner) continue;
      views.push(view);
    }
  }
  // Soonest due first; undated follow-ups last.
  views.sort(
    (a, b) => (a.due_at ?? "~").localeCompare(b.due_at ?? "~") || a.ref.localeCompare(b.ref),
  );
  return views.slice(0, limit);
}

function taskView(t: FollowUpTask, names: Map<string, string>, now: Date): ActionItemView {
  const status = TASK_STATUS[t.status as TaskStatus] ?? "open";
  return {
    ref: `task:${t.task_id}`,
    id: t.task_id,
    source: "follow_up_task",
    title: t.title,
    owner: t.assignee,
    owner_name: t.assignee ? (names.get(t.assignee) ?? null) : null,
    due_at: t.due_at,
    status,
    ...overdueness(status, t.due_at, now),
    incident: { id: t.incident_id, human_id: t.incident_human_id, title: t.incident_title },
    problem_id: null,
    rca_id: null,
    verification: null,
    verified_by: null,
    completed_at: t.completed_at,
    version: null,
  };
}

/**
 * The overdue action items and follow-up tasks at `now`, for reminding their owners (the jobs
 * module schedules it). Items without an owner carry `owner: null`: remind the incident's
 * commander instead.
 */
export async function overdueActionItems(
  deps: PostIncidentDeps,
  now: Date,
  viewer?: Actor,
): Promise<ActionItemView[]> {
  return listActionItems(deps, { overdue: true, limit: 1000, viewer }, now);
}

const FROM_ACTION: Record<ActionStatus, TaskStatus> = {
  open: "open",
  in_progress: "in_progress",
  done: "done",
  cancelled: "skipped",
};

/**
 * Works a follow-up task of a closed incident as an action item: status, owner (its assignee),
 * and the verification, kept as a note. The incident stays closed; the change goes through the
 * incident's timeline like any task change.
 */
export async function updateFollowUpTask(
  deps: PostIncidentDeps,
  taskId: string,
  patch: { status?: ActionStatus; owner?: string; verification?: string; cancel_reason?: string },
  actor: Actor,
): Promise<ActionItemView> {
  // The full id, or its short id as the CLI prints it (or more of its end) when that is unique;
  // tasks of incidents the actor may not see are not there for them.
  const matches = (await deps.actionItems.followUpTasks({ visibleTo: visibleTo(actor) })).filter(
    (t) => refersToRow(t.task_id, taskId),
  );
  const found = matches.length === 1 ? matches[0] : undefined;
  if (!found) throw notFound("follow-up task of a closed incident", taskId);
  const fullId = found.task_id;
  if (patch.status === "done" && !patch.verification?.trim())
    throw invalidInput("say how it was verified (verification) before marking it done");
  if (patch.status === "cancelled" && !patch.cancel_reason?.trim())
    throw invalidInput("cancelling needs a reason (cancel_reason)");
  if (patch.owner !== undefined) {
    const plan = await currentPlan(deps.documents);
    if (!plan.body.team.some((p) => p.id === patch.owner))
      throw invalidInput(`owner '${patch.owner}' is not in the plan's team`);
  }
  await mutateIncident(deps, found.incident_id, actor, undefined, ({ incident, tasks, now }) => {
    const task = tasks.find((t) => t.id === fullId);
    if (!task) throw new DomainError("not_found", `task ${fullId} is gone`);
    const at = now.toISOString();
    const next = { ...task, updated_at: at };
    const changes: Record<string, unknown> = {};
    if (patch.status) {
      next.status = FROM_ACTION[patch.status];
      const finished = next.status === "done" || next.status === "skipped";
      next.completed_at = finished ? at : null;
      next.completed_by = finished ? describeActor(actor) : null;
      if (next.status === "skipped") next.skip_reason = patch.cancel_reason?.trim() ?? null;
      changes.status = { from: task.status, to: next.status };
    }
    if (patch.owner !== undefined) {
      next.assignee = patch.owner;
      changes.assignee = { from: task.assignee, to: patch.owner };
    }
    const note = patch.verification?.trim() ? `Verified: ${patch.verification.trim()}` : null;
    if (note) next.notes = [...task.notes, { at, by: describeActor(actor), text: note }];
    if (Object.keys(changes).length === 0 && !note) throw invalidInput("nothing to change");
    return {
      incident,
      updateTasks: [next],
      timeline: [
        {
          kind: "task.updated",
          actor,
          payload: {
            task_id: task.id,
            title: task.title,
            phase: task.phase,
            follow_up: true,
            changes: { ...changes, ...(note ? { note } : {}) },
          },
        },
      ],
    };
  });
  const [view] = (await listActionItems(deps, { incident: found.incident_id, limit: 1000 })).filter(
    (v) => v.id === fullId,
  );
  return view as ActionItemView;
}
