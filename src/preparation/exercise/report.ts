import type { Block, Report } from "../../reports/blocks.js";
import { callout, facts, h2, h3, muted, p, tableOr } from "../../reports/blocks.js";
import { afterActionReport } from "../../reports/kinds/after-action.js";
import { reportData } from "../../reports/report-data.js";
import { when } from "../../reports/text.js";
import type { PreparationDeps, RunLogEntry } from "../preparation.types.js";
import type { RunView } from "./run-view.js";
import { runView } from "./run-view.js";
import type { RunScore } from "./score.js";

/**
 * The exercise after-action report: how the run went against the plan (score, targets,
 * decisions), the gaps and the action items raised from them, what happened in scenario time,
 * then the exercise incident's own after-action report (reports/kinds/after-action.ts). Built
 * from blocks, so Markdown, HTML and PDF (reports/render-*.ts) say the same thing.
 */

/** `T+01:05:00`: scenario time for people. */
export function scenarioClock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `T+${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

const OUTCOME: Record<string, string> = {
  met: "met",
  late: "late",
  missed: "missed",
  right: "as expected",
  wrong: "not as expected",
  unanswered: "not answered",
  unscored: "not scored",
};

/** One line of a run's log for people. */
export function logLine(e: RunLogEntry): string {
  const x = e.payload;
  switch (e.kind) {
    case "run.started":
      return `Run started at ${x.speed}× speed`;
    case "inject.delivered": {
      const policy = (x.policy as { action: string; incident: string | null }[] | undefined) ?? [];
      const declared = policy.filter((o) => o.incident).map((o) => `${o.action} ${o.incident}`);
      return `Inject: ${x.title}${declared.length ? ` → ${declared.join(", ")}` : ""}`;
    }
    case "answer":
      return `Answer to ${x.inject_id}: ${x.choice ?? x.text ?? ""} (${x.by})`;
    case "incident.linked":
      return "Incident declared for the run";
    case "run.finished":
      return `Run ended (${x.reason}): score ${x.score}/100`;
    case "run.cancelled":
      return `Run cancelled: ${x.reason}`;
    default:
      return e.kind;
  }
}

async function timelineRows(deps: PreparationDeps, run: RunView): Promise<string[][]> {
  const start = Date.parse(run.started_at);
  const rows: { at: string; what: string }[] = run.log.map((e) => ({ at: e.at, what: logLine(e) }));
  // The exercise's own entries are in the run's log already.
  for (const i of run.incidents)
    for (const t of await deps.incidents.timeline(i.id))
      if (t.kind !== "exercise.inject" && t.kind !== "exercise.finished")
        rows.push({ at: t.recorded_at, what: `${i.human_id}: ${t.kind}` });
  return rows
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((r) => [scenarioClock((Date.parse(r.at) - start) * run.speed), when(r.at), r.what]);
}

/** Builds the exercise after-action report of a run (render it with reports/render-*.ts). */
export async function exerciseReport(deps: PreparationDeps, ref: string): Promise<Report> {
  const run = await runView(deps, ref);
  const score = run.score as RunScore | null;
  const items = await Promise.all(
    run.action_items.map(async (id) => deps.actionItems.get(id).catch(() => undefined)),
  );
  const blocks: Block[] = [
    callout(
      `This is an exercise, not a real incident. Its incidents (${run.incidents.map((i) => i.human_id).join(", ") || "none"}) are flagged as exercises and left out of real metrics.`,
    ),
    h2("Summary"),
    facts([
      [
        "Exercise",
        `${run.exercise.title} (${run.exercise.id} v${run.exercise.version}, ${run.exercise.format})`,
      ],
      ["Run", `${run.human_id}, ${run.speed}× speed, ${run.status}`],
      ["Started / ended", `${when(run.started_at)} / ${when(run.finished_at)}`],
      [
        "Expected",
        `${run.exercise.expected.incident_type}, severity ${run.exercise.expected.severity}`,
      ],
      [
        "Incidents",
        run.incidents.map((i) => `${i.human_id} ${i.type}/${i.severity} (${i.phase})`).join("; ") ||
          "none declared",
      ],
      [
        "Score",
        score
          ? `${score.score}/100 (${score.earned} of ${score.possible} points)`
          : "not scored yet",
      ],
    ]),
    h3("Scenario"),
    // Paragraphs as written; the YAML's line wrapping is not meant as line breaks.
    ...run.exercise.scenario
      .trim()
      .split(/\n\s*\n/)
      .map((para) => p(para.replace(/\s*\n\s*/g, " "))),
    h2("Against the plan"),
    score
      ? tableOr(
          ["Item", "Expected", "Actual", "Outcome", "Points"],
          score.items.map((x) => [
            x.title,
            x.expected,
            x.actual,
            OUTCOME[x.outcome] ?? x.outcome,
            `${x.points}/${x.max}`,
          ]),
          "Nothing to score.",
          { widths: [4, 4, 4, 2, 1.2] },
        )
      : muted("The run has not ended; the score is computed when it does."),
    h2("Gaps and action items"),
    tableOr(
      ["Gap", "Action item", "Owner", "Due"],
      (score?.gaps ?? []).map((g, i) => {
        const item = items[i];
        return [
          g.title,
          item ? `${item.human_id} (${item.status})` : "–",
          item?.owner ?? g.owner_role ?? "–",
          item ? when(item.due_at) : "–",
        ];
      }),
      "No gaps: everything went as the plan expects.",
      { widths: [6, 2.5, 2.5, 2.5] },
    ),
    h2("What happened"),
    tableOr(
      ["Scenario time", "Real time", "What"],
      await timelineRows(deps, run),
      "Nothing recorded.",
    ),
  ];
  const primary = run.incidents[0];
  if (primary) {
    const incidentReport = afterActionReport(await reportData(deps, primary.id, undefined));
    blocks.push(
      h2(`The exercise incident: ${primary.human_id}`),
      ...incidentReport.blocks.map((b) =>
        b.type === "heading" && b.level < 3 ? { ...b, level: 3 as const } : b,
      ),
    );
  }
  return {
    title: `Exercise after-action report: ${run.title}`,
    subtitle: `${run.human_id} · ${when(run.started_at)} · EXERCISE`,
    marking: "EXERCISE · TLP:AMBER",
    blocks,
  };
}
