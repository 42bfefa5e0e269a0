import { z } from "zod";
import { AlertmanagerAlert, AlertmanagerNotification } from "./alertmanager-payload.js";

/**
 * Grafana-managed alerting's webhook contact point payload (`version: "1"`), as the Grafana
 * receiver parses it (`detection/receivers/grafana.ts`) and the API's contract documents it.
 * Grafana's notifier is a fork of Alertmanager's, so the payload is Alertmanager's with Grafana's
 * own fields added; the fields Grafana marks "will be deprecated soon" (`title`, `state`,
 * `message`, `dashboardURL`, `panelURL`) are optional, so that their removal breaks nothing.
 */

/** One alert of a Grafana notification. */
export const GrafanaAlert = AlertmanagerAlert.extend({
  /** The query and expression values that set the alert's state, by reference id (`B`, `C`). */
  values: z.record(z.string(), z.number().nullable()).nullish(),
  silenceURL: z.string().optional(),
  dashboardURL: z.string().optional(),
  panelURL: z.string().optional(),
  imageURL: z.string().optional(),
});

/** The Grafana alerting webhook payload, version 1. */
export const GrafanaNotification = AlertmanagerNotification.extend({
  version: z.literal("1"),
  orgId: z.number().int(),
  title: z.string().optional(),
  /** `alerting` or `ok`, Grafana's legacy word for `status`. */
  state: z.string().optional(),
  message: z.string().optional(),
  alerts: z.array(GrafanaAlert),
});

/** A parsed Grafana notification. */
export type GrafanaNotification = z.infer<typeof GrafanaNotification>;
