import { z } from "zod";
import { ALERT_SOURCES } from "../domain/alert.js";
import { IsoDuration, IsoTime } from "./detection.js";
import { ById, endpoint, Time, whole } from "./endpoint.js";

/** Suppression rules: known false positives and maintenance windows. */

const MatcherSchema = z
  .strictObject({
    rule_id: z.string().min(1).optional(),
    dedup_key: z.string().min(1).optional(),
    source: z.enum(ALERT_SOURCES).optional(),
    integration_id: z.string().min(1).optional(),
    title: z.string().min(1).optional(),
    host: z.string().min(1).optional(),
    user: z.string().min(1).optional(),
    ip: z.string().min(1).optional(),
  })
  .refine((m) => Object.keys(m).length > 0, "a matcher names at least one field")
  .describe("every field given must match; * is a wildcard; case does not matter");

const SuppressionSchema = z.object({
  id: z.string(),
  matcher: MatcherSchema,
  reason: z.string(),
  starts_at: Time.nullable(),
  expires_at: Time.nullable(),
  created_at: Time,
  created_by: z.string(),
});

const NewSuppressionBody = z
  .strictObject({
    matcher: MatcherSchema,
    reason: z.string().min(1),
    starts_at: IsoTime.optional().describe("a maintenance window's start; default now"),
    expires_at: IsoTime.optional(),
    for: IsoDuration.optional().describe("instead of expires_at: how long from the start"),
  })
  .refine((b) => !(b.expires_at && b.for), "give expires_at or for, not both");

export const suppressions = {
  list: endpoint({
    method: "GET",
    path: "/suppressions",
    response: whole(SuppressionSchema),
  }),
  create: endpoint({
    method: "POST",
    path: "/suppressions",
    description:
      "A known false positive or a maintenance window: matching new alerts arrive suppressed.",
    body: NewSuppressionBody,
    response: SuppressionSchema,
    status: 201,
  }),
  delete: endpoint({
    method: "DELETE",
    path: "/suppressions/:id",
    params: ById,
    response: z.null(),
    status: 204,
  }),
};

export type SuppressionView = z.output<typeof SuppressionSchema>;
