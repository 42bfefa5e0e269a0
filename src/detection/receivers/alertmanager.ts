import { currentPlan } from "../../documents/document.service.js";
import type { AlertSource } from "../../domain/alert.js";
import type { AlertmanagerNotification } from "../../domain/alertmanager-payload.js";
import type { GrafanaNotification } from "../../domain/grafana-payload.js";
import type { Integration } from "../alert.types.js";
import { type DetectionDeps, pipelineDeps } from "../detection.js";
import type { PolicyOutcome } from "../policy/policy.service.js";
import { severityOfSender } from "../severity.js";
import { hostOfInstance, receiveTransition, receiveTrigger, senderTime } from "./receive.js";

/** What happened to one alert of a notification. */
export interface AlertmanagerResult {
  fingerprint: string;
  status: "firing" | "resolved";
  /** opened a new alert, updated the live one, resolved it, or ignored (nothing live to resolve). */
  action: "opened" | "updated" | "resolved" | "ignored";
  alert_id: string | null;
}

/** What the receivers of Alertmanager's notification format (and its forks) answer. */
export interface AlertGroupOutcome {
  results: AlertmanagerResult[];
  incidents: PolicyOutcome[];
}

const HOST_LABELS = ["host", "hostname", "node", "nodename", "instance"];

/**
 * Whether a firing alert is a new occurrence of the live alert with its fingerprint, and so
 * counts. Alertmanager sends a group again whenever any alert in it changes and every
 * `repeat_interval`; those re-sends carry the same alert with the same `startsAt`, and counting
 * them would make `count` a measure of the sender's settings. A new `startsAt` is the condition
 * firing again (it ended and started while the resolve did not reach us).
 */
async function isNewOccurrence(
  deps: DetectionDeps,
  integration: Integration,
  fingerprint: string,
  startsAt: string | undefined,
): Promise<boolean> {
  if (startsAt === undefined) return true;
  const live = await deps.detection.alerts.live(integration.id, fingerprint);
  if (!live) return true;
  const detail = await deps.detection.alerts.get(live.id);
  return detail?.payload.startsAt !== startsAt;
}

/**
 * One notification in Alertmanager's format: each alert by its own status, keyed by its
 * fingerprint. A firing alert is a sighting that counts only as a new occurrence (see
 * `isNewOccurrence`); a resolved one resolves the live alert at its `endsAt`. `source` names the
 * sender (Grafana's notifier is a fork of Alertmanager's); `kept` adds notification-level fields
 * to each alert's stored payload.
 */
export async function receiveAlertGroup(
  deps: DetectionDeps,
  integration: Integration,
  n: AlertmanagerNotification | GrafanaNotification,
  source: Extract<AlertSource, "alertmanager" | "grafana">,
  kept: Record<string, unknown> = {},
): Promise<AlertGroupOutcome> {
  const plan = (await currentPlan(pipelineDeps(deps).documents)).body;
  const results: AlertmanagerResult[] = [];
  const incidents: PolicyOutcome[] = [];
  for (const a of n.alerts) {
    const now = deps.clock.now().toISOString();
    if (a.status === "resolved") {
      const alert = await receiveTransition(
        deps,
        integration,
        a.fingerprint,
        "resolve",
        senderTime(a.endsAt, now),
      );
      results.push({
        fingerprint: a.fingerprint,
        status: a.status,
        action: alert ? "resolved" : "ignored",
        alert_id: alert?.id ?? null,
      });
      continue;
    }
    const labels = { ...n.commonLabels, ...a.labels };
    const annotations = { ...n.commonAnnotations, ...a.annotations };
    const hostLabel = HOST_LABELS.find((l) => labels[l]);
    const host = hostLabel ? hostOfInstance(labels[hostLabel] as string) : undefined;
    const name = labels.alertname ?? a.fingerprint;
    const summary = annotations.summary ?? annotations.description;
    const counts = await isNewOccurrence(deps, integration, a.fingerprint, a.startsAt);
    const received = await receiveTrigger(deps, {
      scope: integration.id,
      dedup_key: a.fingerprint,
      source,
      rule_id: null,
      integration_id: integration.id,
      title: summary ? `${name}: ${summary}`.slice(0, 1024) : name,
      severity: severityOfSender(plan, labels.severity),
      level: labels.severity ?? null,
      entities: host ? { host } : {},
      tags: Object.entries(labels).map(([k, v]) => `${k}=${v}`),
      payload: {
        ...a,
        receiver: n.receiver,
        groupKey: n.groupKey,
        ...(n.externalURL ? { externalURL: n.externalURL } : {}),
        ...kept,
      },
      count: counts ? 1 : 0,
      first_seen: senderTime(a.startsAt, now),
      last_seen: now,
      status: "open",
      event_ids: [],
    });
    incidents.push(...received.incidents);
    results.push({
      fingerprint: a.fingerprint,
      status: a.status,
      action: received.created ? "opened" : "updated",
      alert_id: received.alert.id,
    });
  }
  return { results, incidents };
}

/** A Prometheus Alertmanager notification (webhook payload version 4). */
export function receiveAlertmanager(
  deps: DetectionDeps,
  integration: Integration,
  n: AlertmanagerNotification,
): Promise<AlertGroupOutcome> {
  return receiveAlertGroup(deps, integration, n, "alertmanager");
}
