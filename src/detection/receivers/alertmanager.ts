import { currentPlan } from "../../documents/document.service.js";
import type { AlertmanagerNotification } from "../../domain/alertmanager-payload.js";
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

const HOST_LABELS = ["host", "hostname", "node", "nodename", "instance"];

/**
 * One notification: each alert by its own status, keyed by its fingerprint. A firing alert is a
 * sighting (Alertmanager repeats a group on `repeat_interval`; each repeat counts), a resolved
 * one resolves the live alert with that fingerprint.
 */
export async function receiveAlertmanager(
  deps: DetectionDeps,
  integration: Integration,
  n: AlertmanagerNotification,
): Promise<{ results: AlertmanagerResult[]; incidents: PolicyOutcome[] }> {
  const plan = (await currentPlan(pipelineDeps(deps).documents)).body;
  const results: AlertmanagerResult[] = [];
  const incidents: PolicyOutcome[] = [];
  for (const a of n.alerts) {
    if (a.status === "resolved") {
      const alert = await receiveTransition(deps, integration, a.fingerprint, "resolve");
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
    const now = deps.clock.now().toISOString();
    const received = await receiveTrigger(deps, {
      scope: integration.id,
      dedup_key: a.fingerprint,
      source: "alertmanager",
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
      },
      count: 1,
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
