import type { GrafanaNotification } from "../../domain/grafana-payload.js";
import type { Integration } from "../alert.types.js";
import type { DetectionDeps } from "../detection.js";
import { type AlertGroupOutcome, receiveAlertGroup } from "./alertmanager.js";

/**
 * One notification of Grafana-managed alerting's webhook contact point. Grafana's notifier is a
 * fork of Alertmanager's, so its alerts are received as Alertmanager's are (dedup by fingerprint,
 * counted per occurrence, resolved at `endsAt`); each alert keeps Grafana's own links and values
 * (they are fields of the alert itself) and the organisation it came from, so that a responder
 * can go back to the rule, the panel or the silence page.
 */
export function receiveGrafana(
  deps: DetectionDeps,
  integration: Integration,
  n: GrafanaNotification,
): Promise<AlertGroupOutcome> {
  return receiveAlertGroup(deps, integration, n, "grafana", { orgId: n.orgId });
}
