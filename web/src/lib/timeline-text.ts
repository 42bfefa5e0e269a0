import type { PlanBody, TimelineEntry } from "../api/types";
import { personName, phaseLabel, roleTitle, STATUS_LABEL, severityName } from "./labels";

/** The groups the timeline can be filtered by. */
export const TIMELINE_FILTERS = {
  all: "Everything",
  notes: "Notes", // and decisions, which are notes marked as one
  phases: "Phases",
  tasks: "Tasks",
  other: "Other",
} as const;
export type TimelineFilter = keyof typeof TIMELINE_FILTERS;

export function timelineGroup(kind: string): Exclude<TimelineFilter, "all"> {
  if (kind === "note" || kind === "decision") return "notes";
  if (
    kind.startsWith("phase.") ||
    kind.startsWith("remediation.") ||
    /^incident\.(declared|closed|closing_overridden|declined|merged|merge_received|reopened)$/.test(
      kind,
    )
  )
    return "phases";
  if (kind.startsWith("task.")) return "tasks";
  return "other";
}

/** A short name for the kind of entry, shown above it. */
export function entryKindLabel(kind: string): string {
  if (kind === "note") return "Note";
  if (kind === "decision") return "Decision";
  const [area = "", what = ""] = kind.split(".");
  if (area === "phase" || area === "remediation") return "Phase";
  if (area === "task") return what === "added" ? "Task added" : "Task";
  if (area === "role") return "Role";
  if (area === "evidence" || area === "custody") return "Evidence";
  if (area === "indicator") return "Indicator";
  if (area === "asset") return "Asset";
  if (area === "alert") return "Alert";
  if (area === "status_update") return "Status update";
  if (area === "clock") return "Clock";
  if (area === "escalation") return "Paging";
  if (area === "problem") return "Problem";
  if (area === "rca") return "Root cause";
  if (area === "action_item") return "Action item";
  if (area === "lessons") return "Lessons";
  if (area === "report") return "Report";
  if (area === "incident") {
    const label = what.replaceAll("_", " ");
    return label.charAt(0).toUpperCase() + label.slice(1);
  }
  const label = kind.replaceAll(/[._]/g, " ");
  return label.charAt(0).toUpperCase() + label.slice(1);
}

const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : JSON.stringify(v));
const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" ? (v as Record<string, unknown>) : {};

function taskChanges(plan: PlanBody | undefined, changes: Record<string, unknown>): string[] {
  const out: string[] = [];
  const status = record(changes.status);
  if (status.to) {
    const to = STATUS_LABEL[status.to as keyof typeof STATUS_LABEL] ?? str(status.to);
    out.push(status.reason ? `${to.toLowerCase()} (${str(status.reason)})` : to.toLowerCase());
  }
  const assignee = record(changes.assignee);
  if ("to" in assignee)
    out.push(assignee.to ? `assigned to ${personName(plan, str(assignee.to))}` : "unassigned");
  if (changes.follow_up === true) out.push("made a follow-up action");
  if (changes.follow_up === false) out.push("no longer a follow-up action");
  if (changes.note) out.push(`note: “${str(changes.note)}”`);
  if (changes.evidence_ids) out.push("evidence linked");
  return out;
}

/** One line saying what a timeline entry records, for people (the raw payload is one click away). */
export function describeEntry(plan: PlanBody | undefined, entry: TimelineEntry): string {
  const p = entry.payload;
  switch (entry.kind) {
    case "incident.declared":
      return `Declared: ${str(p.title)} (${severityName(plan, str(p.severity))}, ${str(p.type)})`;
    case "incident.acknowledged":
      return "Acknowledged";
    case "incident.classified": {
      const parts = Object.entries(record(p.changes)).map(([k, v]) => {
        const to = record(v).to;
        return `${k.replace(/^attributes\./, "")} → ${k === "severity" ? severityName(plan, str(to)) : str(to)}`;
      });
      const added = Array.isArray(p.tasks_added) ? p.tasks_added.length : 0;
      return [
        `Reclassified${parts.length ? `: ${parts.join(", ")}` : ""}`,
        p.reason ? ` — ${str(p.reason)}` : "",
        added ? ` (${added} task${added === 1 ? "" : "s"} added)` : "",
      ].join("");
    }
    case "phase.advanced":
      return `Phase ${phaseLabel(str(p.from))} → ${phaseLabel(str(p.to))}${p.reason ? ` — ${str(p.reason)}` : ""}`;
    case "phase.gate_overridden":
      return `Gate overridden in ${phaseLabel(str(p.phase))}: ${str(p.reason)}`;
    case "remediation.opened":
      return "Remediation track opened";
    case "incident.closing_overridden": {
      const missing = Array.isArray(p.missing_names) ? p.missing_names.map(str) : [];
      return `Closing overridden without ${missing.join("; ")}: ${str(p.reason)}`;
    }
    case "incident.closed":
      return `Closed${p.reason ? ` — ${str(p.reason)}` : ""}`;
    case "incident.declined":
      return `Declined (not an incident)${p.reason ? ` — ${str(p.reason)}` : ""}`;
    case "incident.reopened":
      return `Reopened${p.reason ? ` — ${str(p.reason)}` : ""}`;
    case "incident.merged":
      return `Merged into ${str(p.into)}${p.reason ? ` — ${str(p.reason)}` : ""}`;
    case "incident.merge_received":
      return `${str(p.from)} merged into this incident${p.reason ? ` — ${str(p.reason)}` : ""}`;
    case "task.added":
      return `Task added to ${phaseLabel(str(p.phase))}: ${str(p.title)}`;
    case "task.updated": {
      const changes = taskChanges(plan, record(p.changes));
      return `${str(p.title)}: ${changes.join("; ") || "updated"}`;
    }
    case "note":
    case "decision":
      return str(p.text);
    case "role.assigned":
      return `${personName(plan, str(p.person))} is ${roleTitle(plan, str(p.role))}`;
    case "role.released":
      return `${personName(plan, str(p.person))} released from ${roleTitle(plan, str(p.role))}${p.reason ? ` — ${str(p.reason)}` : ""}`;
    case "incident.members_added": {
      const people = Array.isArray(p.people) ? p.people.map(str) : [];
      return `${people.map((id) => personName(plan, id)).join(", ")} paged: may now see this restricted incident`;
    }
    case "role.handover":
      return `${roleTitle(plan, str(p.role))} handed over to ${personName(plan, str(p.person))}`;
    case "evidence.added":
      return `Evidence recorded: ${str(p.name)} (SHA-256 ${str(p.sha256).slice(0, 12)}…), kept by ${str(p.custodian)}`;
    case "custody.transferred":
      return `${str(p.name)} handed from ${str(p.from)} to ${str(p.to)}: ${str(p.reason)}`;
    case "indicator.added":
      return `Indicator ${str(p.type)}: ${str(p.value)}`;
    case "asset.updated":
      return `${str(p.name)}: ${p.from ? `${str(p.from).replace("_", " ")} → ` : ""}${str(p.to).replace("_", " ")}`;
    case "alert.attached":
      return `Alert attached: ${str(p.title)}${Number(p.count) > 1 ? ` (×${str(p.count)})` : ""}`;
    case "status_update":
      return `Status update to ${str(p.audience)}: ${str(p.summary)}`;
    case "status_update.due":
      return `Status update to ${str(p.audience)} is due`;
    case "clock.reminder":
      return `${str(p.regulation)}: deadline reminder`;
    case "clock.overdue":
      return `${str(p.regulation)}: deadline missed`;
    case "clock.notification_recorded":
      return `${str(p.regulation)}: ${str(p.recipient)} notified${p.reference ? ` (ref. ${str(p.reference)})` : ""}`;
    case "clock.stopped":
      return `${str(p.regulation)} clock stopped: ${str(p.reason)}`;
    case "problem.linked":
      return `Linked to problem ${str(p.problem)}: ${str(p.title)}`;
    case "problem.state_changed":
      return `Problem ${str(p.problem)} is now ${str(p.to).replace("_", " ")}`;
    case "escalation.paged": {
      const recipients = Array.isArray(p.recipients) ? p.recipients.map(record) : [];
      const people = recipients.flatMap((r) => (Array.isArray(r.people) ? r.people.map(str) : []));
      return `Paged ${people.map((id) => personName(plan, id)).join(", ") || "the next step"}`;
    }
    case "escalation.exhausted":
      return "Escalation path exhausted: nobody acknowledged";
    case "escalation.retargeted":
      return "Escalation path changed with the severity";
    case "rca.started":
      return `Root-cause analysis ${str(p.rca)} started: ${str(p.title)}`;
    case "rca.cause_added":
      return `${str(p.rca)}: cause added — ${str(p.statement)}`;
    case "rca.root_cause_identified": {
      const chain = Array.isArray(p.chain) ? p.chain.map(str) : [];
      return `${str(p.rca)}: root cause — ${chain.at(-1) ?? ""}`;
    }
    case "rca.solution_set":
      return `${str(p.rca)}: solution — ${str(p.summary)}`;
    case "rca.completed":
      return `${str(p.rca)} complete`;
    case "action_item.added":
      return `Action item ${str(p.action_item)}: ${str(p.title)}`;
    case "action_item.updated":
      return `Action item ${str(p.action_item)} (${str(p.title)}) is ${str(p.status).replace("_", " ")}`;
    case "lessons.recorded":
      return `Lessons learned recorded: ${str(p.went_well)} went well, ${str(p.went_poorly)} went poorly, ${str(p.learned)} learned`;
    case "report.generated":
      return `Report produced: ${str(p.kind)} v${str(p.version)} (${str(p.format).toUpperCase()})`;
    default:
      return entry.kind.replaceAll(/[._]/g, " ");
  }
}
