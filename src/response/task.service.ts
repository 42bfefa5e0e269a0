import { type Actor, describeActor } from "../domain/actor.js";
import { addDuration } from "../domain/duration.js";
import { invalidInput, notFound } from "../domain/errors.js";
import type { Task } from "../domain/incident/model.js";
import type { TaskPhase } from "../domain/incident/phase.js";
import type { TaskStatus } from "../domain/incident/task.js";
import { newRowId } from "../domain/row-id.js";
import { requireAuthority } from "./authority.js";
import type { ResponseDeps } from "./deps.js";
import { mutateIncident, requireActive } from "./mutate.js";
import { authorityContext, pinnedPlan } from "./plan-context.js";

export interface TaskPatch {
  status?: TaskStatus;
  assignee?: string | null;
  /** Required when skipping. */
  skip_reason?: string;
  /** Turns an open item into a tracked follow-up action that outlives the incident. */
  follow_up?: boolean;
  note?: string;
  evidence_ids?: string[];
}

export interface NewTaskInput {
  title: string;
  phase: TaskPhase;
  instructions?: string;
  role?: string;
  required?: boolean;
  assignee?: string;
  /** ISO 8601 duration from now, e.g. PT2H. */
  due_in?: string;
}

/** Changes one task: status, assignee, skip with reason, follow-up, a note, evidence links. */
export async function updateTask(
  deps: ResponseDeps,
  ref: string,
  taskId: string,
  patch: TaskPatch,
  actor: Actor,
  expectedVersion?: number,
): Promise<Task> {
  let result: Task | undefined;
  await mutateIncident(deps, ref, actor, expectedVersion, async ({ incident, tasks, now }) => {
    requireActive(incident, "tasks");
    const task = tasks.find((t) => t.id === taskId);
    if (!task) throw notFound("task", taskId);
    const at = now.toISOString();
    const plan = await pinnedPlan(deps, incident);
    const next: Task = { ...task, updated_at: at };
    const changes: Record<string, unknown> = {};

    if (patch.status !== undefined && patch.status !== task.status) {
      if (patch.status === "skipped") {
        if (!patch.skip_reason?.trim())
          throw invalidInput("skipping a task needs a reason (skip_reason)");
        if (task.required)
          requireAuthority(await authorityContext(deps, incident, actor, now), {
            kind: "skip_required_step",
          });
        next.skip_reason = patch.skip_reason;
      }
      next.status = patch.status;
      const finished = patch.status === "done" || patch.status === "skipped";
      next.completed_at = finished ? at : null;
      next.completed_by = finished ? describeActor(actor) : null;
      changes.status = {
        from: task.status,
        to: patch.status,
        ...(patch.skip_reason ? { reason: patch.skip_reason } : {}),
      };
    }
    if (patch.assignee !== undefined && patch.assignee !== task.assignee) {
      if (patch.assignee !== null && !plan.body.team.some((p) => p.id === patch.assignee))
        throw invalidInput(`assignee '${patch.assignee}' is not in the plan's team`);
      next.assignee = patch.assignee;
      changes.assignee = { from: task.assignee, to: patch.assignee };
    }
    if (patch.follow_up !== undefined && patch.follow_up !== task.follow_up) {
      next.follow_up = patch.follow_up;
      changes.follow_up = patch.follow_up;
    }
    if (patch.note?.trim()) {
      next.notes = [...task.notes, { at, by: describeActor(actor), text: patch.note }];
      changes.note = patch.note;
    }
    if (patch.evidence_ids) {
      const known = new Set((await deps.incidents.evidence(incident.id)).map((e) => e.id));
      const unknown = patch.evidence_ids.filter((e) => !known.has(e));
      if (unknown.length)
        throw invalidInput(`evidence not on this incident: ${unknown.join(", ")}`);
      next.evidence_ids = [...new Set([...task.evidence_ids, ...patch.evidence_ids])];
      changes.evidence_ids = patch.evidence_ids;
    }
    if (Object.keys(changes).length === 0) throw invalidInput("nothing to change");
    result = next;
    return {
      incident,
      updateTasks: [next],
      timeline: [
        {
          kind: "task.updated",
          actor,
          payload: { task_id: task.id, title: task.title, phase: task.phase, changes },
        },
      ],
    };
  });
  return result as Task;
}

/** Adds an ad-hoc task (one the procedure did not foresee) to a phase. */
export async function addTask(
  deps: ResponseDeps,
  ref: string,
  input: NewTaskInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<Task> {
  if (!input.title?.trim()) throw invalidInput("a task needs a title");
  let created: Task | undefined;
  await mutateIncident(deps, ref, actor, expectedVersion, async ({ incident, tasks, now }) => {
    requireActive(incident, "tasks");
    const plan = await pinnedPlan(deps, incident);
    if (input.role && !plan.body.roles.some((r) => r.id === input.role))
      throw invalidInput(`role '${input.role}' is not defined in the plan`);
    if (input.assignee && !plan.body.team.some((p) => p.id === input.assignee))
      throw invalidInput(`assignee '${input.assignee}' is not in the plan's team`);
    let dueAt: string | null = null;
    if (input.due_in) {
      try {
        dueAt = addDuration(now, input.due_in).toISOString();
      } catch {
        throw invalidInput("due_in must be an ISO 8601 duration such as PT2H");
      }
    }
    const at = now.toISOString();
    created = {
      id: newRowId(),
      incident_id: incident.id,
      phase: input.phase,
      step_id: null,
      procedure_id: null,
      procedure_version: null,
      title: input.title,
      role: input.role ?? null,
      instructions: input.instructions ?? "",
      required: input.required ?? false,
      reporting: false,
      evidence_expected: [],
      due_at: dueAt,
      status: "open",
      assignee: input.assignee ?? null,
      skip_reason: null,
      follow_up: false,
      notes: [],
      evidence_ids: [],
      position:
        Math.max(-1, ...tasks.filter((t) => t.phase === input.phase).map((t) => t.position)) + 1,
      created_at: at,
      updated_at: at,
      completed_at: null,
      completed_by: null,
    };
    return {
      incident,
      insertTasks: [created],
      timeline: [
        {
          kind: "task.added",
          actor,
          payload: {
            task_id: created.id,
            title: created.title,
            phase: created.phase,
            required: created.required,
          },
        },
      ],
    };
  });
  return created as Task;
}
