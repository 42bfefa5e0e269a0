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
