import { formatDuration, METRIC_SPANS, METRICS, type MetricsReport } from "../domain/metrics.js";
import { shortRowId } from "../domain/row-id.js";
import type { ActionItemView } from "../postincident/action-list.js";
import type { LessonSearchHit, Rca } from "../postincident/postincident.types.js";
import { depths, readingOrder } from "../postincident/rca-tree.js";

/** Terminal renderings of post-incident results. */

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "no due date");

export function actionLine(a: ActionItemView): string {
  const ref = a.ref.startsWith("task:") ? `task:${shortRowId(a.id)}` : a.ref;
  const late = a.overdue ? `  OVERDUE by ${formatDuration(a.overdue_by_ms)}` : "";
  const where = a.incident ? `  ${a.incident.human_id}` : "";
  return `${ref.padEnd(14)} ${a.status.padEnd(11)} due ${day(a.due_at)}  ${(a.owner_name ?? a.owner ?? "(no owner)").padEnd(18)} ${a.title}${where}${late}`;
}

export function rcaLines(rca: Rca): string[] {
  const depth = depths(rca.causes);
  const lines = [
    `${rca.human_id}  ${rca.title}  [${rca.status}]  version ${rca.version}`,
    `scope: ${rca.scope.summary}`,
    "why?",
  ];
  for (const c of readingOrder(rca.causes)) {
    const pad = "  ".repeat(depth.get(c.id) ?? 1);
    const mark = c.id === rca.root_cause_id ? "ROOT CAUSE: " : "";
    lines.push(`${pad}- ${mark}${c.statement}  #${shortRowId(c.id)}`);
    for (const e of c.evidence) lines.push(`${pad}    evidence: ${e.kind} ${e.id}`);
    for (const f of c.contributing_factors) lines.push(`${pad}    contributing: ${f}`);
  }
  if (rca.causes.length === 0) lines.push("  (no causes yet)");
  if (rca.solution) lines.push(`solution: ${rca.solution.summary}`);
  if (rca.solution?.workaround) lines.push(`workaround: ${rca.solution.workaround}`);
  return lines;
}

export function hitLine(h: LessonSearchHit): string {
  const where = h.incident?.human_id ?? h.problem?.human_id ?? "";
  return `${h.score.toFixed(2).padStart(6)}  ${h.kind.padEnd(10)} ${where.padEnd(15)} ${h.title}\n        ${h.snippet}`;
}

/** A horizontal bar of `value` against `max`, in eighths of a block. */
export function bar(value: number, max: number, width = 30): string {
  if (max <= 0 || value <= 0) return "";
  const eighths = Math.round((value / max) * width * 8);
  const partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8] ?? "";
  return "█".repeat(Math.floor(eighths / 8)) + partial;
}

export function metricsLines(m: MetricsReport): string[] {
  const period = `${m.from ? m.from.slice(0, 10) : "the beginning"} to ${m.to ? m.to.slice(0, 10) : "now"}`;
  const lines = [
    `${m.incidents} incident(s) from ${period} (left out: ${m.excluded.exercises} exercise(s), ${m.excluded.declined_or_merged} declined or merged)`,
    "",
    `${"".padEnd(28)}${"n".padStart(4)} ${"mean".padStart(9)} ${"median".padStart(9)} ${"p90".padStart(9)}  median`,
  ];
  const max = Math.max(0, ...METRICS.map((k) => m.overall[k].median_ms ?? 0));
  for (const k of METRICS) {
    const s = m.overall[k];
    lines.push(
      `${`${k.toUpperCase()} ${METRIC_SPANS[k].label}`.padEnd(28)}${String(s.count).padStart(4)} ${formatDuration(s.mean_ms).padStart(9)} ${formatDuration(s.median_ms).padStart(9)} ${formatDuration(s.p90_ms).padStart(9)}  ${bar(s.median_ms ?? 0, max)}`,
    );
  }
  const groups = (title: string, g: MetricsReport["by_severity"]) => {
    const keys = Object.keys(g);
    if (!keys.length) return;
    lines.push("", `${title} (median time to contain / recover)`);
    const top = Math.max(0, ...keys.map((key) => g[key]?.metrics.mttr.median_ms ?? 0));
    for (const key of keys) {
      const x = g[key];
      if (!x) continue;
      lines.push(
        `  ${key.padEnd(18)} ${String(x.incidents).padStart(3)}  ${formatDuration(x.metrics.mttc.median_ms).padStart(8)} ${formatDuration(x.metrics.mttr.median_ms).padStart(8)}  ${bar(x.metrics.mttr.median_ms ?? 0, top, 20)}`,
      );
    }
  };
  groups("by severity", m.by_severity);
  groups("by type", m.by_type);
  groups("by month", m.by_month);
  const a = m.plan_adherence;
  lines.push(
    "",
    `plan adherence: ${a.rate === null ? "nothing to judge yet" : `${Math.round(a.rate * 100)}% of ${a.judged} required steps on time`} (${a.late} late, ${a.skipped} skipped, ${a.not_done} not done)`,
    `overdue action items: ${m.overdue_action_items}`,
  );
  return lines;
}
