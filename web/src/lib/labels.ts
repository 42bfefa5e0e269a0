import type { IncidentPhase, TaskPhase } from "../../../src/domain/incident/phase";
import type { TaskStatus } from "../../../src/domain/incident/task";
import type { AlertSource } from "../api/alerts";
import type { PlanBody } from "../api/documents";

export const PHASE_LABEL: Record<IncidentPhase | TaskPhase, string> = {
  detection: "Detection",
  containment: "Containment",
  eradication: "Eradication",
  recovery: "Recovery",
  remediation: "Remediation",
  post_incident: "Post-incident",
  closed: "Closed",
  declined: "Declined",
  merged: "Merged",
};

export const STATUS_LABEL: Record<TaskStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  skipped: "Skipped",
  blocked: "Blocked",
};

/** Where an alert came from, as people say it. */
export const SOURCE_LABEL: Record<AlertSource, string> = {
  rule: "Sigma rule",
  pagerduty: "PagerDuty",
  alertmanager: "Alertmanager",
  webhook: "Webhook",
  grafana: "Grafana",
};

export const phaseLabel = (phase: string): string =>
  PHASE_LABEL[phase as IncidentPhase] ?? phase.replaceAll("_", " ");

/** A person's name from the plan's team, or the id when the plan does not know them. */
export function personName(plan: PlanBody | undefined, id: string | null | undefined): string {
  if (!id) return "";
  return plan?.team.find((p) => p.id === id)?.name ?? id;
}

export function roleTitle(plan: PlanBody | undefined, id: string | null | undefined): string {
  if (!id) return "";
  return plan?.roles.find((r) => r.id === id)?.title ?? id;
}

export function severityName(plan: PlanBody | undefined, id: string): string {
  return plan?.severity_scale.find((s) => s.id === id)?.name ?? id;
}

/**
 * A severity's place on the plan's scale as 1 (lowest) to 4 (highest), for colour. Scales of
 * any length spread over the four colours; an unknown severity is 0 (neutral).
 */
export function severityRank(plan: PlanBody | undefined, id: string): number {
  const scale = plan?.severity_scale ?? [];
  const i = scale.findIndex((s) => s.id === id);
  if (i < 0) return 0;
  if (scale.length <= 1) return 4;
  return 1 + Math.round((i / (scale.length - 1)) * 3);
}

export function typeName(plan: PlanBody | undefined, id: string): string {
  return plan?.incident_types.find((t) => t.id === id)?.name ?? id;
}

/** `kind:id` actors as people read them. */
export function actorName(
  plan: PlanBody | undefined,
  actor: { kind: string; id: string; name?: string },
): string {
  if (actor.name) return actor.name;
  if (actor.kind === "person") return personName(plan, actor.id);
  return `${actor.kind} ${actor.id}`;
}

/** The plan's severities as choices for a select. */
export const severityChoices = (plan: PlanBody | undefined) =>
  plan?.severity_scale.map((s) => ({ value: s.id, label: s.name }));

/** The plan's incident types as choices for a select. */
export const typeChoices = (plan: PlanBody | undefined) =>
  plan?.incident_types.map((t) => ({ value: t.id, label: t.name }));

/** An incident attribute's label: its `title` in the plan, else its id made readable. */
export function attributeLabel(plan: PlanBody | undefined, id: string): string {
  return plan?.attributes.find((a) => a.id === id)?.title ?? id.replaceAll("_", " ");
}
