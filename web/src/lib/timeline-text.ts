import type { TimelineContent, TimelineKind } from "../../../src/domain/incident/timeline-kinds";
import type { PlanBody } from "../api/documents";
import type { TimelineEntry } from "../api/incidents";
import {
  attributeLabel,
  personName,
  phaseLabel,
  roleTitle,
  STATUS_LABEL,
  severityName,
} from "./labels";

/** The groups the timeline can be filtered by. */
export const TIMELINE_FILTERS = {
  all: "Everything",
  notes: "Notes", // and decisions, which are notes marked as one
  phases: "Phases",
  tasks: "Tasks",
  other: "Other",
} as const;
export type TimelineFilter = keyof typeof TIMELINE_FILTERS;

type TimelineGroup = Exclude<TimelineFilter, "all">;

/**
 * Each kind's short name and filter group. Every kind is listed (a missing one does not compile);
 * a kind an earlier version wrote and this one no longer lists is "other", named by its words.
 */
const KINDS: { [K in TimelineKind]: { label: string; group: TimelineGroup } } = {
  "incident.declared": { label: "Declared", group: "phases" },
  "incident.acknowledged": { label: "Acknowledged", group: "other" },
  "incident.classified": { label: "Classified", group: "other" },
  "incident.closing_overridden": { label: "Closing overridden", group: "phases" },
  "incident.closed": { label: "Closed", group: "phases" },
  "incident.declined": { label: "Declined", group: "phases" },
  "incident.merged": { label: "Merged", group: "phases" },
  "incident.merge_received": { label: "Merge received", group: "phases" },
  "incident.records_moved": { label: "Records moved", group: "other" },
  "incident.reopened": { label: "Reopened", group: "phases" },
  "incident.members_added": { label: "Members added", group: "other" },
  "phase.advanced": { label: "Phase", group: "phases" },
  "phase.gate_overridden": { label: "Phase", group: "phases" },
  "remediation.opened": { label: "Phase", group: "phases" },
  "task.added": { label: "Task added", group: "tasks" },
  "task.updated": { label: "Task", group: "tasks" },
  note: { label: "Note", group: "notes" },
  // A decision is a note marked as one.
  decision: { label: "Decision", group: "notes" },
  "role.assigned": { label: "Role", group: "other" },
  "role.handover": { label: "Role", group: "other" },
  "role.released": { label: "Role", group: "other" },
  "evidence.added": { label: "Evidence", group: "other" },
  "custody.transferred": { label: "Evidence", group: "other" },
  "evidence.file_stored": { label: "Evidence", group: "other" },
  "evidence.downloaded": { label: "Evidence", group: "other" },
  "evidence.integrity_failed": { label: "Evidence", group: "other" },
  "indicator.added": { label: "Indicator", group: "other" },
  "attack.technique_added": { label: "ATT&CK", group: "other" },
  "attack.technique_removed": { label: "ATT&CK", group: "other" },
  "asset.updated": { label: "Asset", group: "other" },
  "alert.attached": { label: "Alert", group: "other" },
  status_update: { label: "Status update", group: "other" },
  "status_update.due": { label: "Status update", group: "other" },
  "escalation.paged": { label: "Paging", group: "other" },
  "escalation.exhausted": { label: "Paging", group: "other" },
  "escalation.retargeted": { label: "Paging", group: "other" },
  "clock.reminder": { label: "Clock", group: "other" },
  "clock.overdue": { label: "Clock", group: "other" },
  "clock.notification_recorded": { label: "Clock", group: "other" },
  "clock.stopped": { label: "Clock", group: "other" },
  "problem.linked": { label: "Problem", group: "other" },
  "problem.state_changed": { label: "Problem", group: "other" },
  "problem.cause_updated": { label: "Problem", group: "other" },
  "rca.started": { label: "Root cause", group: "other" },
  "rca.scope_updated": { label: "Root cause", group: "other" },
  "rca.cause_added": { label: "Root cause", group: "other" },
  "rca.cause_updated": { label: "Root cause", group: "other" },
  "rca.cause_removed": { label: "Root cause", group: "other" },
  "rca.root_cause_identified": { label: "Root cause", group: "other" },
  "rca.solution_set": { label: "Root cause", group: "other" },
  "rca.completed": { label: "Root cause", group: "other" },
  "action_item.added": { label: "Action item", group: "other" },
  "action_item.updated": { label: "Action item", group: "other" },
  "lessons.recorded": { label: "Lessons", group: "other" },
  "report.generated": { label: "Report", group: "other" },
  "exercise.inject": { label: "Exercise inject", group: "other" },
  "exercise.finished": { label: "Exercise finished", group: "other" },
};

const listed = (kind: string): kind is TimelineKind => Object.hasOwn(KINDS, kind);

/** "something new happened" for `something.new_happened`. */
const kindInWords = (kind: string) => kind.replaceAll(/[._]/g, " ");

export function timelineGroup(kind: string): TimelineGroup {
  return listed(kind) ? KINDS[kind].group : "other";
}

/** A short name for the kind of entry, shown above it. */
export function entryKindLabel(kind: string): string {
  if (listed(kind)) return KINDS[kind].label;
  const label = kindInWords(kind);
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
  // The server checks each entry against its kind when it writes it; one an earlier version wrote
  // may be of a kind no longer listed (the default below) or lack a field added since, which is
  // why payloads are read with the forgiving helpers above.
  const e = entry as unknown as TimelineContent;
  switch (e.kind) {
    case "incident.declared":
      return `Declared: ${str(e.payload.title)} (${severityName(plan, str(e.payload.severity))}, ${str(e.payload.type)})`;
    case "incident.acknowledged":
      return "Acknowledged";
    case "incident.classified": {
      const parts = Object.entries(record(e.payload.changes)).map(([k, v]) => {
        const to = record(v).to;
        const name = k.startsWith("attributes.")
          ? attributeLabel(plan, k.slice("attributes.".length))
          : k;
        return `${name} → ${k === "severity" ? severityName(plan, str(to)) : str(to)}`;
      });
      const added = Array.isArray(e.payload.tasks_added) ? e.payload.tasks_added.length : 0;
      return [
        `Reclassified${parts.length ? `: ${parts.join(", ")}` : ""}`,
        e.payload.reason ? ` — ${str(e.payload.reason)}` : "",
        added ? ` (${added} task${added === 1 ? "" : "s"} added)` : "",
      ].join("");
    }
    case "phase.advanced":
      return `Phase ${phaseLabel(str(e.payload.from))} → ${phaseLabel(str(e.payload.to))}${e.payload.reason ? ` — ${str(e.payload.reason)}` : ""}`;
    case "phase.gate_overridden":
      return `Gate overridden in ${phaseLabel(str(e.payload.phase))}: ${str(e.payload.reason)}`;
    case "remediation.opened":
      return "Remediation track opened";
    case "incident.closing_overridden": {
      const missing = Array.isArray(e.payload.missing_names)
        ? e.payload.missing_names.map(str)
        : [];
      return `Closing overridden without ${missing.join("; ")}: ${str(e.payload.reason)}`;
    }
    case "incident.closed":
      return `Closed${e.payload.reason ? ` — ${str(e.payload.reason)}` : ""}`;
    case "incident.declined":
      return `Declined (not an incident)${e.payload.reason ? ` — ${str(e.payload.reason)}` : ""}`;
    case "incident.reopened":
      return `Reopened${e.payload.reason ? ` — ${str(e.payload.reason)}` : ""}`;
    case "incident.merged":
      return `Merged into ${str(e.payload.into)}${e.payload.reason ? ` — ${str(e.payload.reason)}` : ""}`;
    case "incident.merge_received":
      return `${str(e.payload.from)} merged into this incident${e.payload.reason ? ` — ${str(e.payload.reason)}` : ""}`;
    case "incident.records_moved": {
      const list = (v: unknown) => (Array.isArray(v) ? v.map(str) : []);
      const moved = [
        ["alerts", list(e.payload.alerts).length],
        ["indicators", list(e.payload.indicators).length],
        ["assets", list(e.payload.assets).length],
        ["evidence items", list(e.payload.evidence).length],
      ]
        .filter(([, n]) => n !== 0)
        .map(([what, n]) => `${n} ${what}`);
      return `Moved from ${str(e.payload.from)} to ${str(e.payload.to)}: ${moved.join(", ") || "nothing"}`;
    }
    case "task.added":
      return `Task added to ${phaseLabel(str(e.payload.phase))}: ${str(e.payload.title)}`;
    case "task.updated": {
      const changes = taskChanges(plan, record(e.payload.changes));
      return `${str(e.payload.title)}: ${changes.join("; ") || "updated"}`;
    }
    case "note":
    case "decision":
      return str(e.payload.text);
    case "role.assigned":
      return `${personName(plan, str(e.payload.person))} is ${roleTitle(plan, str(e.payload.role))}`;
    case "role.released":
      return `${personName(plan, str(e.payload.person))} released from ${roleTitle(plan, str(e.payload.role))}${e.payload.reason ? ` — ${str(e.payload.reason)}` : ""}`;
    case "incident.members_added": {
      const people = Array.isArray(e.payload.people) ? e.payload.people.map(str) : [];
      return `${people.map((id) => personName(plan, id)).join(", ")} paged: may now see this restricted incident`;
    }
    case "role.handover":
      return `${roleTitle(plan, str(e.payload.role))} handed over to ${personName(plan, str(e.payload.to))}`;
    case "evidence.added":
      return `Evidence recorded: ${str(e.payload.name)} (SHA-256 ${str(e.payload.sha256).slice(0, 12)}…), kept by ${str(e.payload.custodian)}`;
    case "custody.transferred":
      return `${str(e.payload.name)} handed from ${str(e.payload.from)} to ${str(e.payload.to)}: ${str(e.payload.reason)}`;
    case "evidence.file_stored":
      return `File of ${str(e.payload.name)} stored (SHA-256 ${str(e.payload.sha256).slice(0, 12)}…)`;
    case "evidence.downloaded":
      return `${str(e.payload.name)} downloaded: ${str(e.payload.reason)}`;
    case "evidence.integrity_failed":
      return `${str(e.payload.name)} failed its integrity check: the stored file no longer matches its SHA-256; not sent`;
    case "attack.technique_added":
      return `Technique ${str(e.payload.technique)} ${str(e.payload.name)} added: ${str(e.payload.reason)}`;
    case "attack.technique_removed":
      return `Technique ${str(e.payload.technique)} ${str(e.payload.name)} removed: ${str(e.payload.reason)}`;
    case "indicator.added":
      return `Indicator ${str(e.payload.type)}: ${str(e.payload.value)}`;
    case "asset.updated":
      return `${str(e.payload.name)}: ${e.payload.from ? `${str(e.payload.from).replace("_", " ")} → ` : ""}${str(e.payload.to).replace("_", " ")}`;
    case "alert.attached":
      return `Alert attached: ${str(e.payload.title)}${Number(e.payload.count) > 1 ? ` (×${str(e.payload.count)})` : ""}`;
    case "status_update":
      return `Status update to ${str(e.payload.audience)}: ${str(e.payload.summary)}`;
    case "status_update.due":
      return `Status update to ${str(e.payload.audience)} is due`;
    case "clock.reminder":
      return `${str(e.payload.regulation)}: deadline reminder${e.payload.skipped?.length ? ` (${e.payload.skipped.length} earlier reminder(s) not sent: due while the server was down)` : ""}`;
    case "clock.overdue":
      return `${str(e.payload.regulation)}: deadline missed`;
    case "clock.notification_recorded":
      return `${str(e.payload.regulation)}: ${str(e.payload.recipient)} notified${e.payload.reference ? ` (ref. ${str(e.payload.reference)})` : ""}`;
    case "clock.stopped":
      return `${str(e.payload.regulation)} clock stopped: ${str(e.payload.reason)}`;
    case "problem.linked":
      return `Linked to problem ${str(e.payload.problem)}: ${str(e.payload.title)}`;
    case "problem.state_changed":
      return `Problem ${str(e.payload.problem)} is now ${str(e.payload.to).replace("_", " ")}`;
    case "escalation.paged": {
      const recipients = Array.isArray(e.payload.recipients)
        ? e.payload.recipients.map(record)
        : [];
      const people = recipients.flatMap((r) => (Array.isArray(r.people) ? r.people.map(str) : []));
      return `Paged ${people.map((id) => personName(plan, id)).join(", ") || "the next step"}`;
    }
    case "escalation.exhausted":
      return "Escalation path exhausted: nobody acknowledged";
    case "escalation.retargeted":
      return "Escalation path changed with the severity";
    case "rca.started":
      return `Root-cause analysis ${str(e.payload.rca)} started: ${str(e.payload.title)}`;
    case "rca.cause_added":
      return `${str(e.payload.rca)}: cause added — ${str(e.payload.statement)}`;
    case "rca.root_cause_identified": {
      const chain = Array.isArray(e.payload.chain) ? e.payload.chain.map(str) : [];
      return `${str(e.payload.rca)}: root cause — ${chain.at(-1) ?? ""}`;
    }
    case "rca.solution_set":
      return `${str(e.payload.rca)}: solution — ${str(e.payload.summary)}`;
    case "rca.completed":
      return `${str(e.payload.rca)} complete`;
    case "action_item.added":
      return `Action item ${str(e.payload.action_item)}: ${str(e.payload.title)}`;
    case "action_item.updated":
      return `Action item ${str(e.payload.action_item)} (${str(e.payload.title)}) is ${str(e.payload.status).replace("_", " ")}`;
    case "lessons.recorded":
      return `Lessons learned recorded: ${str(e.payload.went_well)} went well, ${str(e.payload.went_poorly)} went poorly, ${str(e.payload.learned)} learned`;
    case "report.generated":
      return `Report produced: ${str(e.payload.kind)} v${str(e.payload.version)} (${str(e.payload.format).toUpperCase()})`;
    case "problem.cause_updated":
    case "rca.scope_updated":
    case "rca.cause_updated":
    case "rca.cause_removed":
    case "exercise.inject":
    case "exercise.finished":
      return kindInWords(e.kind);
    default: {
      // The compiler names a kind added to the list but not here; at run time, an older kind.
      const unlisted: never = e;
      return kindInWords((unlisted as TimelineEntry).kind);
    }
  }
}
