import { TASK_PHASES } from "../../domain/incident/phase.js";
import { formatDuration, incidentDurations, METRIC_SPANS, METRICS } from "../../domain/metrics.js";
import { type Block, facts, h2, h3, muted, p, type Report, table, tableOr } from "../blocks.js";
import type { ReportData } from "../report-data.js";
import {
  bytes,
  describeEntry,
  personName,
  phaseName,
  roleName,
  severityName,
  when,
} from "../text.js";
import { techniqueBlocks } from "./attack-blocks.js";
import { changesBlocks } from "./changes-blocks.js";
import { rcaBlocks } from "./rca-blocks.js";

/** Rules and alerts that fired: the declaration's alerts, the rules of attached alerts and rule actors. */
function detectionBlocks(d: ReportData): Block[] {
  const rules = new Set<string>();
  for (const e of d.timeline) {
    if (e.kind === "alert.attached" && e.payload.rule_id) rules.add(e.payload.rule_id);
    if (e.actor.kind === "rule") rules.add(e.actor.id);
  }
  return [
    h2("Detection: rules and alerts that fired"),
    tableOr(
      ["Source alert"],
      d.incident.source_alerts.map((a) => [a]),
      "No alerts are linked; the incident was declared by a person.",
      { mono: [0] },
    ),
    ...(rules.size ? [p([...rules].join(", "), "Rules named on the timeline:")] : []),
  ];
}

/** The full technical record: for responders, forensics and auditors. Contains everything. */
export function technicalReport(d: ReportData): Report {
  const { incident: i, plan } = d;
  const body = plan.body;
  const durations = incidentDurations(i);
  const head = d.timeline.at(-1);
  const blocks: Block[] = [
    h2("Incident"),
    facts([
      ["Incident", `${i.human_id}${i.exercise ? " (EXERCISE)" : ""}`],
      ["Title", i.title],
      ["Type", i.type],
      ["Severity", `${severityName(body, i.severity)} (${i.severity})`],
      ["Phase", phaseName(i.phase)],
      ["Commander", personName(body, i.commander)],
      [
        "Plan / procedure",
        `${i.plan_id}@v${i.plan_version} / ${i.procedure_id}@v${i.procedure_version}`,
      ],
      [
        "Attributes",
        Object.entries(i.attributes)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(", ") || "–",
      ],
      ...Object.entries(i.times).map(([k, v]): [string, string] => [
        k.replace(/_at$/, "").replaceAll("_", " "),
        when(v),
      ]),
      ...METRICS.filter((m) => durations[m] !== undefined).map((m): [string, string] => [
        METRIC_SPANS[m].label,
        formatDuration(durations[m] ?? null),
      ]),
    ]),
    ...(i.description ? [p(i.description, "Description:")] : []),
    ...detectionBlocks(d),
    ...techniqueBlocks(d),
    h2("Indicators of compromise"),
    tableOr(
      ["Type", "Value", "Description", "Added"],
      d.indicators.map((x) => [x.type, x.value, x.description, when(x.created_at)]),
      "No indicators recorded.",
      { widths: [1, 4, 4, 2], mono: [1] },
    ),
    h2("Affected assets"),
    tableOr(
      ["Asset", "Kind", "Status", "Updated"],
      d.assets.map((a) => [a.name, a.kind, a.status, when(a.updated_at)]),
      "No assets recorded.",
    ),
    ...changesBlocks(d),
    h2("Evidence"),
    tableOr(
      ["Item", "SHA-256", "Size", "Acquired", "Custodian / location"],
      d.evidence.map((e) => [
        e.name,
        e.sha256,
        bytes(e.size),
        `${when(e.acquired_at)} by ${e.acquired_by}`,
        `${e.custodian}; ${e.location}`,
      ]),
      "No evidence recorded.",
      { widths: [2.4, 8.6, 1.3, 2.8, 2.6], mono: [1] },
    ),
    ...(d.evidence.some((e) => e.custody.length)
      ? [
          h3("Chain of custody"),
          table(
            ["Item", "From", "To", "When", "Reason"],
            d.evidence.flatMap((e) =>
              e.custody.map((c) => [
                e.name,
                c.from_custodian,
                c.to_custodian,
                when(c.at),
                c.reason,
              ]),
            ),
          ),
        ]
      : []),
    h2("Actions by phase"),
    ...TASK_PHASES.flatMap((phase) => {
      const tasks = d.tasks.filter((t) => t.phase === phase);
      if (!tasks.length) return [];
      return [
        h3(phaseName(phase)),
        table(
          ["Status", "Task", "Owner", "Due", "Completed"],
          tasks.map((t) => [
            `${t.status}${t.required ? " (required)" : ""}${t.follow_up ? " follow-up" : ""}`,
            t.skip_reason ? `${t.title} (skipped: ${t.skip_reason})` : t.title,
            t.assignee ? personName(body, t.assignee) : roleName(body, t.role),
            when(t.due_at),
            t.completed_at ? `${when(t.completed_at)} by ${t.completed_by}` : "–",
          ]),
          { widths: [2, 6, 2.5, 2.5, 3.5] },
        ),
      ];
    }),
    h2("Roles"),
    tableOr(
      ["Role", "Person", "From", "Until"],
      d.roles.map((r) => [
        roleName(body, r.role),
        personName(body, r.person),
        when(r.assigned_at),
        when(r.ended_at),
      ]),
      "No roles assigned.",
    ),
    ...(d.rcas.length
      ? [h2("Root-cause analysis"), ...d.rcas.flatMap((r) => rcaBlocks(r, d))]
      : []),
    h2("Timeline"),
    muted(
      `${d.timeline.length} entries, hash-chained; head ${head?.hash ?? "–"} (firebreak verify ${i.human_id} checks it).`,
    ),
    table(
      ["#", "Recorded", "Actor", "Entry", "Detail"],
      d.timeline.map((e) => [
        String(e.seq),
        e.occurred_at
          ? `${when(e.recorded_at)} (occurred ${when(e.occurred_at)})`
          : when(e.recorded_at),
        e.actor.name ?? `${e.actor.kind}:${e.actor.id}`,
        e.kind,
        describeEntry(e, 400),
      ]),
      { widths: [0.7, 2.6, 2.2, 2.4, 7] },
    ),
  ];
  return {
    title: `Technical report: ${i.title}`,
    subtitle: `${i.human_id} · ${severityName(body, i.severity)} · ${phaseName(i.phase)} · generated ${when(d.now.toISOString())}`,
    marking: "TLP:AMBER · response team only",
    blocks,
  };
}
