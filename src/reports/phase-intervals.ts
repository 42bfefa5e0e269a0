import type { Incident, TimelineEntry } from "../domain/incident/model.js";
import { isEndingKind } from "../domain/incident/timeline-kinds.js";

/** One stretch of time an incident spent in a phase (or before it was known). */
export interface PhaseInterval {
  /** detection … post_incident, remediation, or `undetected` (first activity → awareness). */
  phase: string;
  start: string;
  end: string;
  /** Still going at `now` (the report was made while the incident is open). */
  open: boolean;
}

/**
 * Where the incident's time went, from its timeline: declared in detection, then every
 * `phase.advanced`, ended by close/decline/merge and resumed by reopen. Remediation runs in
 * parallel from when it opened. Before declaration: undetected activity, and awareness until
 * declaration when they differ.
 */
export function phaseIntervals(
  incident: Incident,
  timeline: readonly TimelineEntry[],
  now: Date,
): PhaseInterval[] {
  const out: PhaseInterval[] = [];
  const t = incident.times;
  if (t.first_activity_at && t.first_activity_at < t.detected_at)
    out.push({ phase: "undetected", start: t.first_activity_at, end: t.detected_at, open: false });
  if (t.detected_at < t.declared_at)
    out.push({ phase: "awareness", start: t.detected_at, end: t.declared_at, open: false });
  let current: { phase: string; start: string } | null = {
    phase: "detection",
    start: t.declared_at,
  };
  let ended: string | null = null;
  const close = (at: string) => {
    if (current) out.push({ ...current, end: at, open: false });
    current = null;
  };
  for (const e of timeline) {
    const at = e.recorded_at;
    switch (e.kind) {
      case "phase.advanced":
        close(at);
        current = { phase: e.payload.to, start: at };
        break;
      case "incident.reopened":
        current = { phase: e.payload.to, start: at };
        ended = null;
        break;
      default:
        // Every other kind leaves the phase as it is, but those that end the incident.
        if (isEndingKind(e.kind)) {
          close(at);
          ended = at;
        }
    }
  }
  const nowIso = now.toISOString();
  if (current)
    out.push({ ...(current as { phase: string; start: string }), end: nowIso, open: true });
  if (t.remediation_opened_at)
    out.push({
      phase: "remediation",
      start: t.remediation_opened_at,
      end: ended ?? t.closed_at ?? nowIso,
      open: !(ended ?? t.closed_at),
    });
  return out;
}
