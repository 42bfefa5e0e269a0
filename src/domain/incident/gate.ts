import { type IncidentPhase, isActive, type TaskPhase } from "./phase.js";
import type { TaskStatus } from "./task.js";

/**
 * The phase gates: what stands between an incident and its next phase. The server refuses a move
 * with them (response/phase.service.ts); the web reads the same rule to show what is left.
 */

/** What the gate needs to know of a task. */
export interface GateTask {
  id: string;
  phase: TaskPhase;
  title: string;
  required: boolean;
  status: TaskStatus;
  follow_up?: boolean;
}

/** A task no longer stands in the way once it is done or skipped (with a reason). */
export const isSettled = (t: Pick<GateTask, "status">) =>
  t.status === "done" || t.status === "skipped";

/** The required tasks of a phase that are not settled: what blocks leaving it. */
export function blockingTasks<T extends GateTask>(tasks: readonly T[], phase: TaskPhase): T[] {
  return tasks.filter((t) => t.phase === phase && t.required && !isSettled(t));
}

/** Remediation items that must be settled or turned into follow-up actions before closing. */
export function openRemediation<T extends GateTask>(tasks: readonly T[]): T[] {
  return tasks.filter((t) => t.phase === "remediation" && !isSettled(t) && !t.follow_up);
}

/**
 * What stands in the way of the next gate from `phase`: the phase's required tasks not settled;
 * to close (from post-incident), also the open remediation items. Nothing once it has ended.
 */
export function gateBlockers<T extends GateTask>(tasks: readonly T[], phase: IncidentPhase): T[] {
  if (!isActive(phase)) return [];
  const blocking = blockingTasks(tasks, phase);
  return phase === "post_incident" ? [...blocking, ...openRemediation(tasks)] : blocking;
}
