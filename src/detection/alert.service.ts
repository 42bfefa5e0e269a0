import { ensureVisible, findVisibleIncident } from "../auth/incident-visibility.js";
import { currentPlan } from "../documents/document.service.js";
import { type Actor, describeActor } from "../domain/actor.js";
import type { AlertStatus } from "../domain/alert.js";
import { durationMs } from "../domain/duration.js";
import { DomainError, notFound } from "../domain/errors.js";
import type { Incident } from "../domain/incident/model.js";
import { isActive } from "../domain/incident/phase.js";
import { newRowId } from "../domain/row-id.js";
import { declareIncident } from "../response/incident.service.js";
import { mutateIncident } from "../response/mutate.js";
import type { Alert, AlertDetail, AlertPatch } from "./alert.types.js";
import type { DetectionDeps } from "./detection.js";
import { severityRank } from "./severity.js";

/**
 * An alert with its payload; 404 when there is none, or when it belongs to a restricted incident
 * the viewer does not take part in (auth/incident-visibility.ts). No viewer: the organisation.
 */
export async function getAlert(
  deps: DetectionDeps,
  id: string,
  viewer?: Actor,
): Promise<AlertDetail> {
  const alert = await deps.detection.alerts.get(id);
  if (!alert) throw notFound("alert", id);
  await ensureVisible(deps, viewer, alert.incident_id, "alert", id);
  return alert;
}

/** Applies a status change to an alert that is in one of `from`; 409 otherwise. */
async function transition(
  deps: DetectionDeps,
  id: string,
  from: AlertStatus[],
  patch: AlertPatch,
  actor: Actor,
  verb: string,
): Promise<AlertDetail> {
  // Whoever acts is the viewer: an alert they may not see cannot be touched either.
  const before = await getAlert(deps, id, actor);
  const now = deps.clock.now().toISOString();
  const done = await deps.detection.alerts.update(
    id,
    { ...patch, status_by: describeActor(actor) },
    now,
    from,
  );
  if (!done) {
    const current = await getAlert(deps, id);
    throw new DomainError("conflict", `cannot ${verb} alert ${id}: it is ${current.status}`, [], {
      alert_status: current.status,
    });
  }
  if (patch.status === "suppressed" || patch.status === "resolved")
    deps.detection.windows.forget([before.id]);
  return getAlert(deps, id);
}

/** Someone is looking at it: open (or suppressed) → acknowledged. */
export function acknowledgeAlert(deps: DetectionDeps, id: string, actor: Actor) {
  const now = deps.clock.now().toISOString();
  return transition(
    deps,
    id,
    ["open", "acknowledged", "suppressed"],
    { status: "acknowledged", acknowledged_at: now },
    actor,
    "acknowledge",
  );
}

/** Done with it. A repeat of its key afterwards opens a new alert. */
export function resolveAlert(deps: DetectionDeps, id: string, actor: Actor) {
  const now = deps.clock.now().toISOString();
  return transition(
    deps,
    id,
    ["open", "acknowledged", "suppressed"],
    { status: "resolved", resolved_at: now },
    actor,
    "resolve",
  );
}

/**
 * A known false positive or expected noise: repeats keep counting into it without reaching the
 * triage queue; with `until`, a repeat after that time reopens it.
 */
export function suppressAlert(
  deps: DetectionDeps,
  id: string,
  input: { reason: string; until?: string; for?: string },
  actor: Actor,
) {
  const now = deps.clock.now();
  const until = input.for
    ? new Date(now.getTime() + durationMs(input.for)).toISOString()
    : input.until
      ? new Date(input.until).toISOString()
      : undefined;
  return transition(
    deps,
    id,
    ["open", "acknowledged", "suppressed"],
    {
      status: "suppressed",
      suppressed_until: until ?? null,
      suppression_id: null,
      suppression_reason: input.reason,
    },
    actor,
    "suppress",
  );
}

/** Loads alerts for a declaration or attachment; none may belong to an incident already. */
async function unattached(
  deps: DetectionDeps,
  ids: string[],
  actor: Actor,
  into?: string,
): Promise<Alert[]> {
  const alerts: Alert[] = [];
  for (const id of [...new Set(ids)]) {
    const a = await getAlert(deps, id, actor);
    if (a.incident_id && a.incident_id !== into)
      throw new DomainError("conflict", `alert ${id} already belongs to an incident`, [], {
        incident_id: a.incident_id,
      });
    alerts.push(a);
  }
  return alerts;
}

const hostsOf = (alerts: Alert[]) => [
  ...new Set(alerts.map((a) => a.entities.host).filter((h): h is string => !!h)),
];

function describeAlerts(alerts: Alert[]): string {
  return alerts
    .map((a) => `- ${a.title} (${a.source}${a.rule_id ? ` ${a.rule_id}` : ""}, ${a.count}×)`)
    .join("\n");
}

/** What a person (or a policy) says when declaring from alerts. */
export interface DeclareFromAlertsInput {
  type: string;
  /** Default: the highest severity among the alerts. */
  severity?: string;
  /** Default: the first alert's title. */
  title?: string;
  description?: string;
}

/**
 * Declares one incident from alerts: the incident records them as its source alerts, their hosts
 * become its (suspected) assets, and the earliest sighting is its first known activity.
 */
export async function declareFromAlerts(
  deps: DetectionDeps,
  ids: string[],
  input: DeclareFromAlertsInput,
  actor: Actor,
): Promise<Incident> {
  const alerts = await unattached(deps, ids, actor);
  const first = alerts[0];
  if (!first) throw new DomainError("invalid_input", "declaring needs at least one alert");
  const plan = (await currentPlan(deps.documents)).body;
  const highest = alerts.reduce(
    (top, a) => (severityRank(plan, a.severity) > severityRank(plan, top) ? a.severity : top),
    first.severity,
  );
  const now = deps.clock.now().toISOString();
  // ISO times sort as text.
  const earliest = [now, ...alerts.map((a) => a.first_seen)].sort()[0] as string;
  const incident = await declareIncident(
    deps,
    {
      title: input.title ?? first.title,
      type: input.type,
      severity: input.severity ?? (severityRank(plan, highest) >= 0 ? highest : undefined),
      description: input.description ?? `Declared from alerts:\n${describeAlerts(alerts)}`,
      assets: hostsOf(alerts),
      ...(earliest < now ? { first_activity_at: earliest } : {}),
      source_alerts: alerts.map((a) => a.id),
      // Alerts an exercise replayed make an exercise incident (EXR-…), left out of metrics.
      ...(alerts.some((a) => a.exercise_run_id) ? { exercise: true } : {}),
    },
    actor,
  );
  await deps.detection.alerts.attach(
    alerts.map((a) => a.id),
    incident.id,
    now,
  );
  deps.detection.windows.forget(alerts.map((a) => a.id));
  return incident;
}

/**
 * Adds alerts to an incident in progress: its source alerts grow, new hosts become suspected
 * assets, and the timeline records each alert.
 */
export async function attachAlerts(
  deps: DetectionDeps,
  ids: string[],
  incidentRef: string,
  actor: Actor,
): Promise<Incident> {
  const target = await findVisibleIncident(deps, actor, incidentRef);
  if (!target) throw notFound("incident", incidentRef);
  const alerts = await unattached(deps, ids, actor, target.id);
  const known = new Set((await deps.incidents.assets(target.id)).map((a) => a.name));
  const incident = await mutateIncident(deps, target.id, actor, undefined, ({ incident, now }) => {
    if (!isActive(incident.phase))
      throw new DomainError(
        "conflict",
        `incident ${incident.human_id} has ended (${incident.phase}); reopen it or declare a new one`,
      );
    const fresh = alerts.filter((a) => !incident.source_alerts.includes(a.id));
    return {
      incident: {
        ...incident,
        source_alerts: [...incident.source_alerts, ...fresh.map((a) => a.id)],
      },
      upsertAssets: hostsOf(fresh)
        .filter((h) => !known.has(h))
        .map((name) => ({
          id: newRowId(),
          incident_id: incident.id,
          name,
          kind: "host",
          status: "suspected",
          updated_at: now.toISOString(),
        })),
      timeline: fresh.map((a) => ({
        kind: "alert.attached",
        actor,
        payload: {
          alert_id: a.id,
          dedup_key: a.dedup_key,
          title: a.title,
          severity: a.severity,
          source: a.source,
          rule_id: a.rule_id,
          count: a.count,
          entities: { ...a.entities },
        },
      })),
    };
  });
  await deps.detection.alerts.attach(
    alerts.map((a) => a.id),
    incident.id,
    deps.clock.now().toISOString(),
  );
  deps.detection.windows.forget(alerts.map((a) => a.id));
  return incident;
}
