/**
 * The alert enums the API, the CLI and the web all name (statuses, sources, integration kinds);
 * Node-free, so that the contract and the web import them instead of copying them.
 */

export const ALERT_STATUSES = ["open", "acknowledged", "resolved", "suppressed"] as const;
/** Where an alert stands in triage. */
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Where alerts come from: a Sigma rule, or a receiver. */
export const ALERT_SOURCES = ["rule", "pagerduty", "alertmanager", "webhook", "grafana"] as const;
/** One of ALERT_SOURCES. */
export type AlertSource = (typeof ALERT_SOURCES)[number];

/** The external monitors Firebreak receives alerts from. */
export const INTEGRATION_KINDS = ["pagerduty", "alertmanager", "webhook", "grafana"] as const;
/** One of INTEGRATION_KINDS. */
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];
