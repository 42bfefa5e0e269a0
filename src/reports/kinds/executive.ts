import type { ClockStatus } from "../../compliance/clocks.js";
import type { Task } from "../../domain/incident/model.js";
import { ACTIVE_PHASES } from "../../domain/incident/phase.js";
import { formatDuration } from "../../domain/metrics.js";
import { type Block, facts, h2, listOr, muted, p, type Report, tableOr } from "../blocks.js";
import { redactor } from "../redact.js";
import type { ReportData } from "../report-data.js";
import { count, personName, phaseName, roleName, severityName, when } from "../text.js";
import { rootCauseSentences } from "./rca-blocks.js";

/** Roles whose open tasks are decisions for leadership rather than work for responders. */
const DECIDING_ROLES = new Set(["executive-sponsor", "legal-counsel", "privacy-officer"]);
const DECISION_WORDS = /\b(decid|decision|approv|determin|authori[sz])/i;

const settled = (t: Task) => t.status === "done" || t.status === "skipped";

/** Business impact in plain words, from the plan's attributes. */
function impact(d: ReportData): string[] {
  const a = d.incident.attributes;
  const out: string[] = [];
  const services = Array.isArray(a.affected_services) ? (a.affected_services as string[]) : [];
  out.push(
    services.length
      ? `Affected services: ${services.join(", ")}.`
      : "No business service is recorded as affected.",
  );
  if (a.customer_impact === true)
    out.push("Customers can see the impact (service degraded or their data involved).");
  if (typeof a.individuals_affected === "number")
    out.push(`About ${count(a.individuals_affected)} people's data may be involved.`);
  if (typeof a.records_affected === "number")
    out.push(`About ${count(a.records_affected)} records may be involved.`);
  if (a.personal_data === true) out.push("Personal data is involved or likely involved.");
  if (a.data_exfiltrated === true) out.push("There is evidence that data left our control.");
  if (a.ransom_demand === true) out.push("An attacker has demanded payment.");
  if (a.payment_data === true) out.push("Cardholder data or its environment is affected.");
  if (a.phi === true) out.push("Protected health information is involved.");
  if (d.assets.length) out.push(`${d.assets.length} system(s) are affected.`);
  return out;
}

function exposure(c: ClockStatus): string[] {
  const open = c.deadlines.filter((x) => ["pending", "due_soon", "overdue"].includes(x.state));
  const next = open[0];
  return [
    c.regulation,
    c.state.replace("_", " "),
    c.started_at ? when(c.started_at) : `waiting for ${c.waiting_for ?? "its start"}`,
    next
      ? `${next.name}: due ${when(next.due_at)}${next.time_left_ms !== null ? ` (${next.time_left_ms < 0 ? `overdue by ${formatDuration(-next.time_left_ms)}` : `${formatDuration(next.time_left_ms)} left`})` : ""}`
      : c.deadlines.map((x) => `${x.name}: ${x.state.replace("_", " ")}`).join("; "),
    c.recipient,
  ];
}

/**
 * The briefing for leadership: impact, status, decisions needed, next steps and regulatory
 * exposure. It never carries indicators, hashes or raw timeline events; free text that could
 * quote them (decisions, titles) goes through the redactor.
 */
export function executiveReport(d: ReportData): Report {
  const { incident: i } = d;
  const plan = d.plan.body;
  const clean = redactor(d);
  const sev = plan.severity_scale.find((s) => s.id === i.severity);
  const phaseAt = (ACTIVE_PHASES as readonly string[]).indexOf(i.phase);
  const track = ACTIVE_PHASES.map((ph, n) =>
    phaseAt < 0 || n < phaseAt
      ? `${phaseName(ph)} (done)`
      : n === phaseAt
        ? `${phaseName(ph)} (now)`
        : phaseName(ph),
  ).join(" -> ");
  const open = d.tasks.filter((t) => !settled(t));
  const decisions = open.filter(
    (t) => (t.role && DECIDING_ROLES.has(t.role)) || DECISION_WORDS.test(t.title),
  );
  const next = open
    .filter((t) => t.phase === i.phase && !decisions.includes(t))
    .sort((a, b) => (a.due_at ?? "~").localeCompare(b.due_at ?? "~"))
    .slice(0, 8);
  const taken = d.timeline.filter((e) => e.kind === "decision");
  const applicable = d.clocks.filter((c) => c.applies);
  const blocks: Block[] = [
    h2("Summary"),
    facts([
      ["Severity", `${severityName(plan, i.severity)}${sev ? `: ${sev.definition}` : ""}`],
      ["Status", `${phaseName(i.phase)}${i.exercise ? " (EXERCISE)" : ""}`],
      ["Commander", personName(plan, i.commander)],
      [
        "Aware since",
        `${when(i.times.detected_at)} (${formatDuration(d.now.getTime() - Date.parse(i.times.detected_at))} ago)`,
      ],
      ["Contained", i.times.contained_at ? when(i.times.contained_at) : "not yet"],
      ["Recovered", i.times.recovered_at ? when(i.times.recovered_at) : "not yet"],
    ]),
    ...(i.description ? [p(clean(i.description))] : []),
    h2("Business impact"),
    listOr(impact(d).map(clean), "No impact recorded yet."),
    h2("Where we are"),
    p(track),
    p(
      phaseAt < 0
        ? `The incident has ended (${phaseName(i.phase).toLowerCase()}, ${when(i.times.closed_at)}).`
        : `${d.tasks.filter((t) => t.phase === i.phase && settled(t)).length} of ${d.tasks.filter((t) => t.phase === i.phase).length} steps of the current phase are done.`,
    ),
    h2("Decisions needed"),
    listOr(
      decisions.map((t) =>
        clean(`${t.title} (${roleName(plan, t.role)}${t.due_at ? `, due ${when(t.due_at)}` : ""})`),
      ),
      "No decisions are waiting on leadership.",
    ),
    ...(taken.length
      ? [
          h2("Decisions taken"),
          listOr(
            taken.map((e) =>
              clean(`${when(e.occurred_at ?? e.recorded_at)}: ${String(e.payload.text ?? "")}`),
            ),
            "",
          ),
        ]
      : []),
    h2("Next steps"),
    listOr(
      next.map((t) =>
        clean(
          `${t.title} (${t.assignee ? personName(plan, t.assignee) : roleName(plan, t.role)}${t.due_at ? `, due ${when(t.due_at)}` : ""})`,
        ),
      ),
      "No open steps in the current phase.",
    ),
    h2("Regulatory exposure"),
    tableOr(
      ["Regulation", "State", "Clock started", "Next deadline", "Recipient"],
      applicable.map(exposure),
      "No regulatory obligation applies on what is recorded so far.",
    ),
    muted(
      "Clocks follow the plan's obligations and the incident's attributes; legal counsel confirms each notification.",
    ),
  ];
  if (d.rcas.length || d.actionItems.length)
    blocks.push(
      h2("After the incident"),
      listOr(
        [
          ...rootCauseSentences(d).map(clean),
          `${d.actionItems.filter((a) => a.status === "open" || a.status === "in_progress").length} follow-up action(s) open, ${d.actionItems.filter((a) => a.overdue).length} overdue.`,
        ],
        "",
      ),
    );
  return {
    title: `Executive briefing: ${clean(i.title)}`,
    subtitle: `${i.human_id} · ${severityName(plan, i.severity)} · ${phaseName(i.phase)} · as of ${when(d.now.toISOString())}`,
    marking: "CONFIDENTIAL · leadership only",
    blocks,
  };
}
