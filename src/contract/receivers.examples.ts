/**
 * Request examples of the receivers, shown in the OpenAPI document. They are real requests: the
 * API test sends each, with a real integration's key in place of the placeholder, and expects
 * it accepted, so the documented examples cannot drift from what the receivers take.
 */

/** Stands for the integration's key in the examples (32 characters, like a PagerDuty key). */
export const EXAMPLE_KEY = "R0UTINGKEY0000000000000000000000";

/** PagerDuty Events API v2: a trigger with its dedup key (the same key resolves it later). */
export const PAGERDUTY_TRIGGER = {
  routing_key: EXAMPLE_KEY,
  event_action: "trigger",
  dedup_key: "db-primary-1/disk",
  payload: {
    summary: "Disk 95% full on db-primary-1",
    source: "db-primary-1",
    severity: "critical",
    component: "postgres",
    group: "prod-db",
    class: "disk",
    custom_details: { free_bytes: 1073741824 },
  },
};

/** PagerDuty Change Events: a deploy, with the service it touched and a link to the build. */
export const PAGERDUTY_CHANGE = {
  routing_key: EXAMPLE_KEY,
  payload: {
    summary: "Deployed checkout-api v2.14.0",
    timestamp: "2026-11-23T08:20:00.000Z",
    source: "deploy-pipeline",
    custom_details: { service: "checkout-api", build: "2140" },
  },
  links: [{ href: "https://ci.example.org/builds/2140", text: "Build 2140" }],
};

/** Prometheus Alertmanager's webhook, version 4: one firing alert. */
export const ALERTMANAGER_FIRING = {
  version: "4",
  groupKey: '{}:{alertname="HighErrorRate"}',
  truncatedAlerts: 0,
  status: "firing",
  receiver: "firebreak",
  groupLabels: { alertname: "HighErrorRate" },
  commonLabels: { alertname: "HighErrorRate", severity: "critical", service: "checkout" },
  commonAnnotations: { summary: "5xx above 5% on checkout for 10 minutes" },
  externalURL: "http://alertmanager.example.internal:9093",
  alerts: [
    {
      status: "firing",
      labels: {
        alertname: "HighErrorRate",
        severity: "critical",
        service: "checkout",
        instance: "checkout-7f9c:8080",
      },
      annotations: { summary: "5xx above 5% on checkout for 10 minutes" },
      startsAt: "2026-12-06T00:40:00Z",
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus.example.internal:9090/graph?g0.expr=job%3Acheckout_5xx",
      fingerprint: "c6a4e1b2f0d3a9e8",
    },
  ],
};

/**
 * Grafana alerting's webhook contact point (payload version 1): one firing alert, in the shape
 * of Grafana's documented example.
 */
export const GRAFANA_FIRING = {
  receiver: "Firebreak",
  status: "firing",
  orgId: 1,
  alerts: [
    {
      status: "firing",
      labels: { alertname: "High memory usage", team: "blue", zone: "us-1", severity: "warning" },
      annotations: {
        description: "The system has high memory usage",
        runbook_url: "https://runbooks.example.org/memory",
        summary: "This alert was triggered for zone us-1",
      },
      startsAt: "2026-12-06T09:51:03.157076+02:00",
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "https://grafana.example.org/alerting/grafana/1afz29v7z/view",
      fingerprint: "c6eadffa33fcdf37",
      silenceURL:
        "https://grafana.example.org/alerting/silence/new?alertmanager=grafana&matcher=alertname%3DHigh+memory+usage",
      dashboardURL: "",
      panelURL: "",
      values: { B: 44.23943737541908, C: 1 },
    },
  ],
  groupLabels: { alertname: "High memory usage" },
  commonLabels: { alertname: "High memory usage", team: "blue", zone: "us-1", severity: "warning" },
  commonAnnotations: {},
  externalURL: "https://grafana.example.org/",
  version: "1",
  groupKey: '{}:{alertname="High memory usage"}',
  truncatedAlerts: 0,
  title: "[FIRING:1] High memory usage (blue us-1)",
  state: "alerting",
  message:
    "**Firing**\n\nValue: B=44.23943737541908, C=1\nLabels:\n - alertname = High memory usage\n",
};
