import type { PlanDocument } from "../documents/plan.schema.js";
import type { TimelineContent } from "../domain/incident/timeline-kinds.js";

/** Wording shared by the report kinds. */

/** 2026-03-02 09:00 UTC; "–" for none. */
export function when(iso: string | null | undefined): string {
  if (!iso) return "–";
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

export const PHASE_NAMES: Record<string, string> = {
  detection: "Detection",
  containment: "Containment",
  eradication: "Eradication",
  recovery: "Recovery",
  remediation: "Remediation",
  post_incident: "Post-incident activity",
  closed: "Closed",
  declined: "Declined (not an incident)",
  merged: "Merged into another incident",
};

export const phaseName = (phase: string) => PHASE_NAMES[phase] ?? phase;

/** The plan's name for a severity id. */
export function severityName(plan: PlanDocument, id: string): string {
  return plan.severity_scale.find((s) => s.id === id)?.name ?? id;
}

/** "Amara Okafor" for a team person id; the id itself when the plan does not know it. */
export function personName(plan: PlanDocument, id: string | null | undefined): string {
  if (!id) return "–";
  return plan.team.find((p) => p.id === id)?.name ?? id;
}

/** The plan's title for a role id. */
export function roleName(plan: PlanDocument, id: string | null | undefined): string {
  if (!id) return "–";
  return plan.roles.find((r) => r.id === id)?.title ?? id;
}

/** 1234567 → "1,234,567". */
export const count = (n: number) => n.toLocaleString("en-US");

/** Bytes for people: 2.0 KiB, 16.0 GiB. */
export function bytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** A one-line summary of a timeline payload: its text if it has one, else key=value pairs. */
export function summarisePayload(payload: Record<string, unknown>, max = 240): string {
  if (typeof payload.text === "string") return clip(payload.text, max);
  const parts: string[] = [];
  for (const [k, v] of Object.entries(payload)) {
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    const s = typeof v === "string" ? v : JSON.stringify(v);
    parts.push(`${k}=${s}`);
    if (parts.join(" ").length > max) break;
  }
  return clip(parts.join(" "), max);
}

export const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

const arrow = (a: unknown, b: unknown) => `${String(a)} -> ${String(b)}`;

/**
 * A timeline entry in words for people: the common kinds get a sentence, the rest their payload
 * without internal ids. Every kind is named below, so a new one is a decision here.
 */
export function describeEntry(entry: TimelineContent, max = 300): string {
  switch (entry.kind) {
    case "incident.declared": {
      const v = entry.payload;
      return clip(
        `Declared "${v.title}": ${v.type}, ${v.severity}; ${v.plan}, ${v.procedure}; ${v.tasks} tasks`,
        max,
      );
    }
    case "phase.advanced": {
      const v = entry.payload;
      return arrow(phaseName(v.from), phaseName(v.to)) + (v.reason ? ` (${v.reason})` : "");
    }
    case "phase.gate_overridden":
      return clip(
        `Gate of ${phaseName(entry.payload.phase)} overridden: ${entry.payload.reason}`,
        max,
      );
    case "incident.closing_overridden":
      return clip(
        `Closed without ${entry.payload.missing_names.join("; ")}: ${entry.payload.reason}`,
        max,
      );
    case "role.handover":
      return `${entry.payload.role} handed over from ${entry.payload.from} to ${entry.payload.to}`;
    case "attack.technique_added":
    case "attack.technique_removed": {
      const v = entry.payload;
      const verb = entry.kind === "attack.technique_added" ? "added" : "removed";
      return clip(`ATT&CK ${v.technique} ${v.name} ${verb}: ${v.reason}`, max);
    }
    case "indicator.added": {
      const v = entry.payload;
      return clip(`${v.type} ${v.value}${v.description ? ` (${v.description})` : ""}`, max);
    }
    case "evidence.added": {
      const v = entry.payload;
      return clip(
        `${v.name}: SHA-256 ${v.sha256}, ${bytes(v.size)}, acquired by ${v.acquired_by}, kept at ${v.location}`,
        max,
      );
    }
    case "role.assigned":
      return `${entry.payload.person} is ${entry.payload.role}`;
    case "task.updated": {
      const v = entry.payload;
      const st = v.changes.status;
      return clip(
        `${v.title}${st ? `: ${arrow(st.from, st.to)}` : ""}${typeof v.changes.note === "string" ? `: ${v.changes.note}` : ""}`,
        max,
      );
    }
    case "incident.records_moved": {
      const v = entry.payload;
      const what = [
        [v.alerts.length, "alert(s)"],
        [v.indicators.length, "indicator(s)"],
        [v.assets.length, "asset(s)"],
        [v.evidence.length, "evidence item(s)"],
      ]
        .filter(([n]) => n !== 0)
        .map(([n, label]) => `${n} ${label}`);
      return clip(`Moved from ${v.from} to ${v.to}: ${what.join(", ") || "nothing"}`, max);
    }
    case "rca.root_cause_identified":
      return clip(`${entry.payload.rca}: root cause: ${entry.payload.chain.at(-1) ?? ""}`, max);
    case "rca.solution_set":
      return clip(`${entry.payload.rca}: solution: ${entry.payload.summary}`, max);
    case "rca.cause_added":
      return clip(`${entry.payload.rca}: why: ${entry.payload.statement}`, max);
    case "lessons.recorded": {
      const v = entry.payload;
      return `${v.went_well} went well, ${v.went_poorly} went poorly, ${v.learned} learned, ${v.proposals.length} change proposal(s)`;
    }
    case "action_item.added":
    case "action_item.updated": {
      const v = entry.payload;
      return clip(
        `${v.action_item} ${v.title} (${v.owner}, due ${String(v.due_at).slice(0, 10)}, ${v.status})`,
        max,
      );
    }
    case "problem.linked":
    case "problem.state_changed": {
      const v = entry.payload;
      const cause = "cause" in v ? v.cause : undefined;
      return clip(`${v.problem} ${v.title}: ${v.state}${cause ? `; cause: ${cause}` : ""}`, max);
    }
    case "incident.acknowledged":
    case "incident.classified":
    case "incident.closed":
    case "incident.declined":
    case "incident.merged":
    case "incident.merge_received":
    case "incident.reopened":
    case "incident.members_added":
    case "remediation.opened":
    case "task.added":
    case "note":
    case "decision":
    case "role.released":
    case "custody.transferred":
    case "evidence.file_stored":
    case "evidence.downloaded":
    case "evidence.integrity_failed":
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
    case "problem.cause_updated":
    case "rca.started":
    case "rca.scope_updated":
    case "rca.cause_updated":
    case "rca.cause_removed":
    case "rca.completed":
    case "report.generated":
    case "exercise.inject":
    case "exercise.finished":
      return summariseWithoutIds(entry.payload, max);
    default: {
      // The compiler names a kind added to the list but not to this switch; at run time this is
      // an entry of a kind an earlier version wrote.
      const unlisted: never = entry;
      return summariseWithoutIds((unlisted as TimelineContent).payload, max);
    }
  }
}

/** The payload's key=value pairs without internal ids (all of it if it holds only ids). */
function summariseWithoutIds(payload: Record<string, unknown>, max: number): string {
  const rest = Object.fromEntries(Object.entries(payload).filter(([k]) => !/(^|_)id$/.test(k)));
  return summarisePayload(Object.keys(rest).length ? rest : payload, max);
}
