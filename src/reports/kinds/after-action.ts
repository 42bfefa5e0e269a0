import { durationMs } from "../../domain/duration.js";
import { TASK_PHASES } from "../../domain/incident/phase.js";
import type { TimelineKind } from "../../domain/incident/timeline-kinds.js";
import {
  formatDuration,
  incidentDurations,
  type Metric,
  type Stats,
  stepOutcome,
} from "../../domain/metrics.js";
import { CLOSING_OBLIGATION_NAMES, closingObligations } from "../../response/closing.js";
import { type Block, facts, h2, h3, listOr, muted, p, type Report, tableOr } from "../blocks.js";
import { durationComparisonChart, phaseTimelineChart } from "../charts.js";
import { phaseIntervals } from "../phase-intervals.js";
import type { ReportData } from "../report-data.js";
import { describeEntry, personName, phaseName, severityName, when } from "../text.js";
import { techniqueBlocks } from "./attack-blocks.js";
import { rcaBlocks } from "./rca-blocks.js";

/** The organisation's figures to compare the incident with (medians over a past period). */
export interface Comparison {
  label: string;
  overall: Record<Metric, Stats>;
}

/**
 * Whether the table of key events shows an entry of this kind: the course of the response,
 * decisions, roles, problems and conclusions, not the detail of tasks, evidence and paging.
 */
function isKeyEvent(kind: TimelineKind): boolean {
  switch (kind) {
    case "incident.declared":
    case "incident.acknowledged":
    case "incident.classified":
    case "incident.closing_overridden":
    case "incident.closed":
    case "incident.declined":
    case "incident.merged":
    case "incident.merge_received":
    case "incident.reopened":
    case "incident.members_added":
    case "phase.advanced":
    case "phase.gate_overridden":
    case "remediation.opened":
    case "note":
    case "decision":
    case "role.assigned":
    case "role.handover":
    case "role.released":
    case "problem.linked":
    case "problem.state_changed":
    case "problem.cause_updated":
    case "lessons.recorded":
    case "rca.root_cause_identified":
    case "rca.solution_set":
    case "rca.completed":
    case "evidence.integrity_failed":
      return true;
    case "task.added":
    case "task.updated":
    case "evidence.added":
    case "incident.records_moved":
    case "custody.transferred":
    case "evidence.file_stored":
    case "evidence.downloaded":
    case "indicator.added":
    case "asset.updated":
    case "alert.attached":
    case "status_update":
    case "status_update.due":
    case "escalation.paged":
    case "escalation.exhausted":
    case "escalation.retargeted":
    case "clock.reminder":
    case "clock.overdue":
    case "clock.notification_recorded":
    case "clock.stopped":
    case "rca.started":
    case "rca.scope_updated":
    case "rca.cause_added":
    case "rca.cause_updated":
    case "rca.cause_removed":
    case "action_item.added":
    case "action_item.updated":
    case "report.generated":
    case "exercise.inject":
    case "exercise.finished":
    case "attack.technique_added":
    case "attack.technique_removed":
      return false;
    default: {
      // The compiler names a kind added to the list but not here; at run time, an older kind.
      const _exhaustive: never = kind;
      return false;
    }
  }
}

const OUTCOME_WORDS = {
  on_time: "done on time",
  late: "done late",
  skipped: "skipped",
  not_done: "not done",
  pending: "pending",
};

/** Target vs actual, counted from declaration as the plan's targets are. */
function targets(d: ReportData): string[][] {
  const sev = d.plan.body.severity_scale.find((s) => s.id === d.incident.severity);
  if (!sev) return [];
  const t = d.incident.times;
  const rows: [string, string, string | null][] = [
    ["Acknowledge", sev.targets.acknowledge, t.acknowledged_at],
    ["Contain", sev.targets.contain, t.contained_at],
    ["Recover", sev.targets.recover, t.recovered_at],
  ];
  return rows.map(([what, target, at]) => {
    const ms = at ? Date.parse(at) - Date.parse(t.declared_at) : null;
    const limit = durationMs(target, new Date(t.declared_at));
    const verdict = ms === null ? "not reached" : ms <= limit ? "met" : "missed";
    return [what, target, formatDuration(limit), formatDuration(ms), verdict];
  });
}

function planAdherence(d: ReportData): Block[] {
  const required = d.tasks
    .filter((t) => t.required && t.step_id)
    .sort(
      (a, b) =>
        TASK_PHASES.indexOf(a.phase) - TASK_PHASES.indexOf(b.phase) || a.position - b.position,
    );
  const outcomes = required.map((t) => ({ t, o: stepOutcome(t, d.incident.phase) }));
  const judged = outcomes.filter((x) => x.o !== "pending");
  const onTime = judged.filter((x) => x.o === "on_time").length;
  return [
    h2("Plan adherence"),
    p(
      judged.length
        ? `${onTime} of ${judged.length} required procedure steps were done on time (${Math.round((onTime / judged.length) * 100)}%); ${judged.filter((x) => x.o === "late").length} late, ${judged.filter((x) => x.o === "skipped").length} skipped, ${judged.filter((x) => x.o === "not_done").length} not done.`
        : "No required step can be judged yet.",
    ),
    tableOr(
      ["Phase", "Required step", "Due", "Done", "Outcome"],
      outcomes.map(({ t, o }) => [
        phaseName(t.phase),
        t.title,
        when(t.due_at),
        when(t.completed_at),
        OUTCOME_WORDS[o],
      ]),
      "The procedure had no required steps.",
      { widths: [2.2, 6, 2.6, 2.6, 1.8] },
    ),
  ];
}

function lessonsBlocks(d: ReportData): Block[] {
  const l = d.lessons;
  if (!l)
    return [h2("Lessons learned"), muted("The lessons-learned review has not been recorded yet.")];
  return [
    h2("Lessons learned"),
    p(l.what_happened, "What happened:"),
    h3("What went well"),
    listOr(l.went_well, "Nothing recorded."),
    h3("What went poorly"),
    listOr(l.went_poorly, "Nothing recorded."),
    h3("What we learned"),
    listOr(l.learned, "Nothing recorded."),
    h3("Proposed changes to the plan and procedures"),
    tableOr(
      ["Document", "Where", "Change", "Why", "Status"],
      l.proposals.map((x) => [
        `${x.target.kind} ${x.target.id} v${x.target.version}`,
        x.target.step_id ? `step ${x.target.step_id}` : `section ${x.target.section}`,
        x.change,
        x.rationale,
        x.status,
      ]),
      "No changes proposed.",
      { widths: [2.5, 2.5, 5, 4, 1.6] },
    ),
  ];
}

/**
 * The post-incident work the plan requires before closing at this severity, and every close
 * that went ahead without it: what was missing, who decided, and their written reason.
 */
function closingBlocks(d: ReportData): Block[] {
  const required = closingObligations(d.plan.body, d.incident.severity);
  const overrides = d.timeline.filter((e) => e.kind === "incident.closing_overridden");
  if (required.length === 0 && overrides.length === 0) return [];
  return [
    h2("Closing obligations"),
    p(
      required.length
        ? `At ${severityName(d.plan.body, d.incident.severity)} the plan requires before closing: ${required.map((o) => CLOSING_OBLIGATION_NAMES[o]).join("; ")}.`
        : "The plan requires no post-incident work before closing at this severity.",
    ),
    ...overrides.map((e) =>
      p(
        `${when(e.occurred_at ?? e.recorded_at)}, ${e.actor.name ?? e.actor.id} closed the incident without ${(e.payload.missing_names as string[]).join("; ")}. Reason: ${e.payload.reason}`,
        "Closed with obligations overridden:",
      ),
    ),
  ];
}

/** The after-action report: what occurred, why, what we learned, and what is being done. */
export function afterActionReport(d: ReportData, comparison?: Comparison): Report {
  const { incident: i } = d;
  const plan = d.plan.body;
  const mine = incidentDurations(i);
  const metrics: Metric[] = ["mttd", "mtta", "mttc", "mttr", "time_to_close"];
  const blocks: Block[] = [
    h2("Summary"),
    facts([
      ["Incident", `${i.human_id}: ${i.title}${i.exercise ? " (EXERCISE)" : ""}`],
      ["Type / severity", `${i.type} / ${severityName(plan, i.severity)}`],
      ["Commander", personName(plan, i.commander)],
      ["First activity", when(i.times.first_activity_at)],
      ["Aware / declared", `${when(i.times.detected_at)} / ${when(i.times.declared_at)}`],
      ["Contained / recovered", `${when(i.times.contained_at)} / ${when(i.times.recovered_at)}`],
      ["Closed", when(i.times.closed_at)],
      ["Status", phaseName(i.phase)],
    ]),
    ...(i.description ? [p(i.description)] : []),
    h3("Targets"),
    tableOr(
      ["Target", "Plan", "Limit", "Took", "Verdict"],
      targets(d),
      "The plan sets no targets for this severity.",
    ),
    phaseTimelineChart(phaseIntervals(i, d.timeline, d.now)),
    h2("Timeline of key events"),
    tableOr(
      ["When", "Who", "What", "Detail"],
      d.timeline
        .filter((e) => isKeyEvent(e.kind))
        .map((e) => [
          when(e.occurred_at ?? e.recorded_at),
          e.actor.name ?? e.actor.id,
          e.kind,
          describeEntry(e),
        ]),
      "No events.",
      { widths: [2.6, 2.2, 2.6, 7.5] },
    ),
    ...techniqueBlocks(d),
    h2("Root cause"),
    ...(d.rcas.length
      ? d.rcas.flatMap((r) => rcaBlocks(r, d))
      : [muted("No root-cause analysis has been started.")]),
    ...lessonsBlocks(d),
    ...closingBlocks(d),
    h2("Action items"),
    tableOr(
      ["Item", "Action", "Owner", "Due", "Status", "Verified"],
      d.actionItems.map((a) => [
        a.ref.startsWith("task:") ? "follow-up" : a.ref,
        a.title,
        a.owner_name ?? a.owner ?? "–",
        when(a.due_at),
        `${a.status}${a.overdue ? " (OVERDUE)" : ""}`,
        a.verification ? `${a.verification} (${a.verified_by})` : "–",
      ]),
      "No action items.",
      { widths: [2.6, 5, 2.4, 2.4, 1.8, 4] },
    ),
    ...planAdherence(d),
  ];
  if (comparison)
    blocks.push(
      h2("Compared with other incidents"),
      durationComparisonChart(
        [
          { name: "This incident", values: mine },
          {
            name: comparison.label,
            values: Object.fromEntries(metrics.map((m) => [m, comparison.overall[m].median_ms])),
          },
        ],
        metrics,
      ),
    );
  return {
    title: `After-action report: ${i.title}`,
    subtitle: `${i.human_id} · ${severityName(plan, i.severity)} · ${phaseName(i.phase)} · generated ${when(d.now.toISOString())}`,
    marking: "TLP:AMBER · internal",
    blocks,
  };
}
