import { z } from "zod";

/**
 * Prometheus Alertmanager's webhook payload (version 4), as the Alertmanager receiver parses it
 * (`detection/receivers/alertmanager.ts`) and the API's contract documents it: one schema for
 * both, so the documented body cannot drift from the parsed one.
 */

const Labels = z.record(z.string(), z.string());

/** One alert of an Alertmanager notification. */
export const AlertmanagerAlert = z.looseObject({
  status: z.enum(["firing", "resolved"]),
  labels: Labels,
  annotations: Labels.default({}),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().min(1).max(255),
});

/** The Alertmanager webhook payload, version 4. */
export const AlertmanagerNotification = z.looseObject({
  version: z.literal("4"),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().optional(),
  status: z.enum(["firing", "resolved"]),
  receiver: z.string(),
  groupLabels: Labels.default({}),
  commonLabels: Labels.default({}),
  commonAnnotations: Labels.default({}),
  externalURL: z.string().optional(),
  alerts: z.array(AlertmanagerAlert),
});

/** A parsed Alertmanager notification. */
export type AlertmanagerNotification = z.infer<typeof AlertmanagerNotification>;
