import type { ClockView, DeadlineView } from "../contract/clocks.js";
import { formatSpan } from "../domain/span.js";

/** Terminal rendering of regulatory clocks: overdue ones must be impossible to miss. */

const BAR = 30;
const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—");

/** `[██████████░░░░░░]  62%`: the share of the deadline's span already gone. */
export function elapsedBar(
  d: Pick<DeadlineView, "counts_from" | "due_at" | "time_left_ms">,
): string {
  if (!d.counts_from || !d.due_at || d.time_left_ms === null) return "";
  const span = Date.parse(d.due_at) - Date.parse(d.counts_from);
  const share = span > 0 ? (span - d.time_left_ms) / span : 1;
  const filled = Math.max(0, Math.min(BAR, Math.round(share * BAR)));
  return `[${"█".repeat(filled)}${"░".repeat(BAR - filled)}] ${String(Math.round(share * 100)).padStart(3)}%`;
}

function deadlineState(d: DeadlineView): string {
  switch (d.state) {
    case "overdue":
      return `!! OVERDUE by ${formatSpan(d.late_by_ms ?? 0)} !!`;
    case "due_soon":
      return `DUE SOON: ${formatSpan(d.time_left_ms ?? 0)} left`;
    case "pending":
      return `${formatSpan(d.time_left_ms ?? 0)} left`;
    case "met":
      return `met ${when(d.met_at)}`;
    case "met_late":
      return `met late, by ${formatSpan(d.late_by_ms ?? 0)}`;
    case "waiting":
      return d.waiting_for ? `waiting for ${d.waiting_for}` : "waiting for the clock to start";
    default:
      return d.state.replace("_", " ");
  }
}

const HEADLINE: Record<string, string> = {
  overdue: "OVERDUE",
  due_soon: "DUE SOON",
  running: "running",
  waiting: "waiting",
  met: "met",
  stopped: "stopped",
  not_applicable: "n/a",
};

/** Lines for clocks, grouped by incident, in the order given (the API sorts by urgency). */
export function clockLines(clocks: readonly ClockView[]): string[] {
  const lines: string[] = [];
  let incident = "";
  for (const c of clocks) {
    if (c.incident.human_id !== incident) {
      incident = c.incident.human_id;
      if (lines.length > 0) lines.push("");
      lines.push(`${incident}  ${c.incident.title}${c.incident.exercise ? "  (EXERCISE)" : ""}`);
    }
    const mark = c.state === "overdue" ? "!!" : "  ";
    const head = HEADLINE[c.state] ?? c.state;
    lines.push(`${mark} ${head.padEnd(9)} ${c.regulation} → ${c.recipient}  [${c.obligation_id}]`);
    if (c.stopped) lines.push(`             stopped ${when(c.stopped.at)}: ${c.stopped.reason}`);
    if (c.state === "waiting" && c.waiting_for)
      lines.push(`             waiting for ${c.waiting_for} (record the decision that sets it)`);
    for (const d of c.deadlines) {
      if (c.state === "not_applicable") break;
      const bar = elapsedBar(d);
      lines.push(`             ${d.name}: due ${when(d.due_at)}  ${deadlineState(d)}`);
      if (bar) lines.push(`             ${bar}`);
      if (d.alternatives.length > 1)
        lines.push(
          `               whichever comes first: ${d.alternatives
            .map(
              (a) =>
                `from ${a.start ?? a.from}: ${a.due_at ? when(a.due_at) : "not yet"}${a.governs ? " (governs)" : ""}`,
            )
            .join("; ")}`,
        );
    }
  }
  return lines;
}
