import { z } from "zod";
// The Alertmanager notification is Prometheus' wire format, which the receiver parses with this
// schema: the contract shows the receiver's own schema rather than a copy that could drift.
import { AlertmanagerNotification } from "../domain/alertmanager-payload.js";
import { GrafanaNotification } from "../domain/grafana-payload.js";
import { PolicyOutcomeSchema } from "./detection.js";
import { endpoint } from "./endpoint.js";
import {
  ALERTMANAGER_FIRING,
  GRAFANA_FIRING,
  PAGERDUTY_CHANGE,
  PAGERDUTY_TRIGGER,
} from "./receivers.examples.js";

/**
 * Drop-in receivers for existing monitors, each speaking its sender's protocol. The PagerDuty
 * receiver answers in PagerDuty's own shapes, errors included (its senders parse them); the
 * others answer errors as problem+json like every route.
 */

const PagerDutyAccepted = z.object({
  status: z.literal("success"),
  message: z.literal("Event processed"),
  dedup_key: z.string(),
});
const PagerDutyInvalid = z.object({
  status: z.literal("invalid event"),
  message: z.string(),
  errors: z.array(z.string()).describe("what is wrong with the event"),
});
const PagerDutyFailed = z.object({
  status: z.literal("error"),
  message: z.string(),
  errors: z.array(z.string()).describe("always empty"),
});

const PagerDutyChangeAccepted = z.object({
  status: z.literal("success"),
  message: z.literal("Change event processed"),
  dedup_key: z.string().describe("the stored change's key (PagerDuty itself answers none)"),
});

const FIRING = ["firing", "resolved"] as const;

const AlertmanagerAnswer = z.object({
  status: z.literal("success"),
  alerts: z.array(
    z.object({
      fingerprint: z.string(),
      status: z.enum(FIRING),
      action: z.enum(["opened", "updated", "resolved", "ignored"]),
      alert_id: z.string().nullable(),
    }),
  ),
  incidents: z.array(PolicyOutcomeSchema),
});

const WebhookAnswer = z.object({
  status: z.literal("success"),
  results: z.array(
    z.object({
      index: z.number().int(),
      dedup_key: z.string().nullable(),
      action: z.enum(["opened", "updated", "acknowledged", "resolved", "ignored", "rejected"]),
      alert_id: z.string().nullable(),
      reason: z.string().optional(),
    }),
  ),
  incidents: z.array(PolicyOutcomeSchema),
});

export const receivers = {
  pagerDuty: endpoint({
    method: "POST",
    path: "/integrations/pagerduty/v2/enqueue",
    description:
      "PagerDuty Events API v2. Answers 202 {status, message, dedup_key}, or 400 {status: 'invalid event', message, errors} in PagerDuty's shape.",
    // The receiver checks the event itself, to answer PagerDuty's 400 rather than a problem.
    body: z.unknown().meta({ examples: [PAGERDUTY_TRIGGER] }),
    response: PagerDutyAccepted,
    status: 202,
    errors: { 400: PagerDutyInvalid, 500: PagerDutyFailed },
  }),
  pagerDutyChange: endpoint({
    method: "POST",
    path: "/integrations/pagerduty/v2/change/enqueue",
    description:
      "PagerDuty Change Events (deploys, configuration changes). The routing key of a pagerduty integration chooses it. Answers 202 {status, message, dedup_key}, or 400 {status: 'invalid event', message, errors} in PagerDuty's shape.",
    body: z.unknown().meta({ examples: [PAGERDUTY_CHANGE] }),
    response: PagerDutyChangeAccepted,
    status: 202,
    errors: { 400: PagerDutyInvalid, 500: PagerDutyFailed },
  }),
  alertmanager: endpoint({
    method: "POST",
    path: "/integrations/alertmanager",
    description:
      "Prometheus Alertmanager webhook (version 4). Authorization: Bearer <integration key> (or basic auth with the key as password).",
    body: AlertmanagerNotification.meta({ examples: [ALERTMANAGER_FIRING] }),
    response: AlertmanagerAnswer,
  }),
  grafana: endpoint({
    method: "POST",
    path: "/integrations/grafana",
    description:
      "Grafana alerting's webhook contact point (payload version 1). Authorization: Bearer <integration key> (the contact point's Authorization header credentials), or basic auth with the key as password.",
    body: GrafanaNotification.meta({ examples: [GRAFANA_FIRING] }),
    response: AlertmanagerAnswer,
  }),
  webhook: endpoint({
    method: "POST",
    path: "/integrations/webhook/:integrationId",
    description:
      "Generic JSON webhook mapped by the integration's mapping document. Authorization: Bearer <integration key> or X-Firebreak-Key.",
    params: z.object({ integrationId: z.string() }),
    body: z.unknown(),
    response: WebhookAnswer,
    status: 202,
  }),
};

export type PagerDutyAcceptedView = z.output<typeof PagerDutyAccepted>;
export type PagerDutyInvalidView = z.output<typeof PagerDutyInvalid>;
export type AlertmanagerAnswerView = z.output<typeof AlertmanagerAnswer>;
export type WebhookAnswerView = z.output<typeof WebhookAnswer>;
