import type { PlanDocument } from "../documents/plan.schema.js";

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
 * without internal ids.
 */
export function describeEntry(kind: string, payload: Record<string, unknown>, max = 300): string {
  const v = payload;
  switch (kind) {
    case "incident.declared":
      return clip(
        `Declared "${v.title}": ${v.type}, ${v.severity}; ${v.plan}, ${v.procedure}; ${v.tasks} tasks`,
        max,
      );
    case "phase.advanced":
      return (
        arrow(phaseName(String(v.from)), phaseName(String(v.to))) +
        (v.reason ? ` (${v.reason})` : "")
      );
    case "phase.gate_overridden":
      return clip(`Gate of ${phaseName(String(v.phase))} overridden: ${v.reason}`, max);
    case "incident.closing_overridden":
      return clip(
        `Closed without ${(v.missing_names as string[] | undefined)?.join("; ") ?? v.missing}: ${v.reason}`,
        max,
      );
    case "role.handover":
      return `${v.role} handed over from ${v.from} to ${v.to}`;
    case "indicator.added":
      return clip(`${v.type} ${v.value}${v.description ? ` (${v.description})` : ""}`, max);
    case "evidence.added":
      return clip(
        `${v.name}: SHA-256 ${v.sha256}, ${bytes(Number(v.size))}, acquired by ${v.acquired_by}, kept at ${v.location}`,
        max,
      );
    case "role.assigned":
      return `${v.person} is ${v.role}`;
    case "task.updated": {
      const c = (v.changes ?? {}) as Record<string, { from?: unknown; to?: unknown } | unknown>;
      const st = c.status as { from?: unknown; to?: unknown } | undefined;
      return clip(
        `${v.title}${st ? `: ${arrow(st.from, st.to)}` : ""}${typeof c.note === "string" ? `: ${c.note}` : ""}`,
        max,
      );
    }
    case "rca.root_cause_identified": {
      const chain = Array.isArray(v.chain) ? (v.chain as string[]) : [];
      return clip(`${v.rca}: root cause: ${chain.at(-1) ?? ""}`, max);
    }
    case "rca.solution_set":
      return clip(`${v.rca}: solution: ${v.summary}`, max);
    case "rca.cause_added":
      return clip(`${v.rca}: why: ${v.statement}`, max);
    case "lessons.recorded":
      return `${v.went_well} went well, ${v.went_poorly} went poorly, ${v.learned} learned, ${Array.isArray(v.proposals) ? v.proposals.length : 0} change proposal(s)`;
    case "action_item.added":
    case "action_item.updated":
      return clip(
        `${v.action_item} ${v.title} (${v.owner}, due ${String(v.due_at).slice(0, 10)}, ${v.status})`,
        max,
      );
    case "problem.linked":
    case "problem.state_changed":
      return clip(
        `${v.problem} ${v.title}: ${v.state}${v.cause ? `; cause: ${v.cause}` : ""}`,
        max,
      );
    default: {
      const rest = Object.fromEntries(Object.entries(v).filter(([k]) => !/(^|_)id$/.test(k)));
      return summarisePayload(Object.keys(rest).length ? rest : v, max);
    }
  }
}
