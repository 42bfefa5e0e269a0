import { ACTIVE_PHASES, type ActivePhase, type Incident, type Task } from "../../api/types";

export const isSettled = (t: Task) => t.status === "done" || t.status === "skipped";

export const isActivePhase = (phase: string): phase is ActivePhase =>
  (ACTIVE_PHASES as readonly string[]).includes(phase);

/** The phase after the current one, or undefined in post-incident and after the end. */
export function nextPhase(incident: Incident): ActivePhase | undefined {
  if (!isActivePhase(incident.phase)) return undefined;
  return ACTIVE_PHASES[ACTIVE_PHASES.indexOf(incident.phase) + 1];
}

/**
 * What stands in the way of the next gate, as the server decides it (`domain/incident/task.ts`):
 * the current phase's required tasks not done or skipped; to close, also remediation items not
 * settled nor turned into follow-up actions.
 */
export function gateBlockers(incident: Incident, tasks: Task[]): Task[] {
  if (!isActivePhase(incident.phase)) return [];
  const required = tasks.filter((t) => t.phase === incident.phase && t.required && !isSettled(t));
  if (incident.phase !== "post_incident") return required;
  return [
    ...required,
    ...tasks.filter((t) => t.phase === "remediation" && !isSettled(t) && !t.follow_up),
  ];
}
