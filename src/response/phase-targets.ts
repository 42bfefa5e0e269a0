import type { ProcedureDocument } from "../documents/procedure.schema.js";
import type { Incident, Task, TimelineEntry } from "../domain/incident/model.js";
import type { TaskPhase } from "../domain/incident/phase.js";
import { dueOnPhaseEntry, type PhaseEntries } from "./checklist.js";
import type { ResponseDeps } from "./deps.js";

/**
 * Step targets that count from entering a phase (`target_from` in a procedure): which phases an
 * incident has entered and when, and the tasks whose due time starts on entry.
 */

/**
 * When the incident first entered each phase: detection at the declaration, the others at their
 * first `phase.advanced` entry, remediation when it opened (with eradication).
 */
export function phaseEntries(incident: Incident, timeline: readonly TimelineEntry[]): PhaseEntries {
  const entries: PhaseEntries = { detection: new Date(incident.times.declared_at) };
  for (const e of timeline) {
    const to = e.kind === "phase.advanced" ? (e.payload.to as TaskPhase) : undefined;
    if (to && !entries[to]) entries[to] = new Date(e.recorded_at);
  }
  if (incident.times.remediation_opened_at)
    entries.remediation = new Date(incident.times.remediation_opened_at);
  return entries;
}

/**
 * The incident's procedure tasks whose target counts from entering `phase` (and remediation,
 * which opens with eradication), now due: to store as task updates with the phase change.
 */
export async function tasksDueOnEntry(
  deps: ResponseDeps,
  incident: Incident,
  tasks: readonly Task[],
  phase: TaskPhase,
  at: Date,
): Promise<Task[]> {
  const procedure = await deps.documents.get(
    "procedure",
    incident.procedure_id,
    incident.procedure_version,
  );
  if (!procedure) return [];
  const body = procedure.body as ProcedureDocument;
  const phases: TaskPhase[] = phase === "eradication" ? [phase, "remediation"] : [phase];
  return phases.flatMap((p) =>
    dueOnPhaseEntry(body, tasks, p, at).map((t) => ({ ...t, updated_at: at.toISOString() })),
  );
}
