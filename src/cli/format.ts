import type { Incident, Task, TimelineEntry } from "../domain/incident/model.js";
import { TASK_PHASES } from "../domain/incident/phase.js";
import { shortRowId } from "../domain/row-id.js";

/** Human-readable renderings of API results for the terminal. */
const PHASE_TRACK = [
  "detection",
  "containment",
  "eradication",
  "recovery",
  "post_incident",
  "closed",
];

const STATUS_MARK: Record<string, string> = {
  open: "[ ]",
  in_progress: "[~]",
  done: "[x]",
  skipped: "[-]",
  blocked: "[!]",
};

export function incidentLine(i: Incident): string {
  return `${i.human_id}  ${i.severity.padEnd(13)} ${i.phase.padEnd(13)} ${i.type.padEnd(18)} ${i.title}`;
}

/** detection ✓ → containment ● → eradication → … : where the incident stands. */
export function phaseTrack(phase: string): string {
  const at = PHASE_TRACK.indexOf(phase);
  if (at < 0) return `(${phase})`;
  return PHASE_TRACK.map((p, n) => (n < at ? `${p} ✓` : n === at ? `[${p}]` : p)).join(" → ");
}

export function taskLine(t: Task): string {
  const due =
    t.due_at && t.status !== "done" && t.status !== "skipped"
      ? `  due ${t.due_at.slice(0, 16).replace("T", " ")}`
      : "";
  const who = t.assignee ?? (t.role ? `(${t.role})` : "");
  return `  ${STATUS_MARK[t.status] ?? "[?]"} ${t.required ? "*" : " "} ${t.title}  ${who}${due}  #${shortRowId(t.id)}`;
}

export function tasksByPhase(tasks: Task[]): string[] {
  const lines: string[] = [];
  for (const phase of TASK_PHASES) {
    const inPhase = tasks.filter((t) => t.phase === phase);
    if (inPhase.length === 0) continue;
    const done = inPhase.filter((t) => t.status === "done" || t.status === "skipped").length;
    lines.push(`${phase} (${done}/${inPhase.length})`, ...inPhase.map(taskLine));
  }
  return lines;
}

/** An entry as the API answers it: of any kind an earlier or this version wrote. */
type ListedEntry = Pick<TimelineEntry, "seq" | "recorded_at" | "occurred_at"> & {
  actor: { id: string };
  kind: string;
  payload: Record<string, unknown>;
};

export function timelineLine(e: ListedEntry): string {
  const when = (e.occurred_at ?? e.recorded_at).slice(0, 19).replace("T", " ");
  const text = typeof e.payload.text === "string" ? e.payload.text : summarise(e.payload);
  return `  ${String(e.seq).padStart(4)}  ${when}  ${e.kind.padEnd(22)} ${e.actor.id}: ${text}`;
}

function summarise(payload: Record<string, unknown>): string {
  const s = JSON.stringify(payload);
  return s.length > 100 ? `${s.slice(0, 97)}...` : s;
}
