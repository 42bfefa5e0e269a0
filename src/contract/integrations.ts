import { z } from "zod";
import { INTEGRATION_KINDS } from "../domain/alert.js";
import { ById, endpoint, Time, whole } from "./endpoint.js";

/** Integrations: the external monitors allowed to send alerts, each with its own key. */

const IntegrationSchema = z.object({
  id: z.string(),
  kind: z.enum(INTEGRATION_KINDS),
  name: z.string(),
  key_hint: z.string().describe("the key's last four characters"),
  mapping: z.record(z.string(), z.unknown()).nullable(),
  created_at: Time,
  created_by: z.string(),
  endpoint: z.string().describe("where the sender posts"),
  url: z
    .string()
    .nullable()
    .describe("the endpoint at FIREBREAK_PUBLIC_URL; null when it is not set (use your origin)"),
  last_received_at: Time.nullable().describe("when a sender last got through with the key"),
});

const CreatedIntegrationSchema = IntegrationSchema.extend({
  key: z
    .string()
    .describe("the integration key (PagerDuty routing key, Alertmanager bearer token); shown once"),
});

const NewIntegrationBody = z.strictObject({
  kind: z.enum(INTEGRATION_KINDS),
  name: z.string().min(1).max(200),
  mapping: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("webhook only: the mapping document"),
});

export const integrations = {
  create: endpoint({
    method: "POST",
    path: "/integrations",
    description:
      "Create an integration. The answer carries its key once (PagerDuty routing key, Alertmanager bearer token); only a hash is stored.",
    body: NewIntegrationBody,
    response: CreatedIntegrationSchema,
    status: 201,
  }),
  list: endpoint({
    method: "GET",
    path: "/integrations",
    response: whole(IntegrationSchema),
  }),
  delete: endpoint({
    method: "DELETE",
    path: "/integrations/:id",
    params: ById,
    response: z.null(),
    status: 204,
  }),
};

export type IntegrationView = z.output<typeof IntegrationSchema>;
export type CreatedIntegrationView = z.output<typeof CreatedIntegrationSchema>;
