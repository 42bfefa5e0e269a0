import { z } from "zod";
import { INDICATOR_TYPES } from "../../domain/incident/indicator.js";
import { INCIDENT_PHASES } from "../../domain/incident/phase.js";
import { ASSET_STATUSES } from "../../response/asset.service.js";
import { PROBLEM_STATES } from "../../response/problem.types.js";

/**
 * Request and response shapes of the evidence, indicator, asset, role and problem routes; they
 * also make the OpenAPI document. Field checks that need the domain's own words (a SHA-256, an
 * indicator for its type, a person in the plan's team) are left to the use cases.
 */
const Time = z.string().describe("ISO 8601 UTC");

export const IncidentParams = z.object({
  id: z.string().describe("incident id or human id such as INC-2026-0042"),
});

export const CustodyTransferSchema = z.object({
  id: z.string(),
  evidence_id: z.string(),
  from_custodian: z.string(),
  to_custodian: z.string(),
  at: Time,
  reason: z.string(),
});

export const EvidenceSchema = z.object({
  id: z.string(),
  incident_id: z.string(),
  name: z.string(),
  description: z.string(),
  sha256: z.string().describe("lower-case hexadecimal SHA-256"),
  size: z.number().describe("bytes"),
  location: z.string(),
  acquired_by: z.string(),
  acquired_at: Time,
  custodian: z.string(),
  created_at: Time,
  custody: z.array(CustodyTransferSchema).describe("the chain of custody, oldest first"),
});

export const EvidenceBody = z.strictObject({
  name: z.string().max(300),
  description: z.string().max(20_000).optional(),
  sha256: z.string().max(200).describe("64 hexadecimal characters, any case"),
  size: z.number().int().min(0).describe("bytes"),
  location: z.string().max(2000).describe("where the item is kept"),
  acquired_by: z.string().max(300).describe("who acquired it; its first custodian"),
  acquired_at: Time.optional().describe("defaults to now"),
});

export const TransferBody = z.strictObject({
  to: z.string().max(300).describe("the new custodian"),
  reason: z.string().max(2000),
  at: Time.optional().describe("when it changed hands, if earlier than now"),
});

export const IndicatorSchema = z.object({
  id: z.string(),
  incident_id: z.string(),
  type: z.string(),
  value: z.string().describe("canonical form: refanged, lower-case where case does not matter"),
  description: z.string(),
  created_at: Time,
  created_by: z.string(),
});

export const IndicatorBody = z.strictObject({
  type: z.enum(INDICATOR_TYPES),
  value: z
    .string()
    .max(5000)
    .describe("as found; defanged forms such as hxxp:// and [.] are accepted"),
  description: z.string().max(2000).optional(),
});

export const AddedIndicatorSchema = IndicatorSchema.extend({
  created: z.boolean().describe("false when the incident already had it"),
});

export const SightingSchema = z.object({
  indicator: IndicatorSchema,
  incident: z.object({
    id: z.string(),
    human_id: z.string(),
    title: z.string(),
    type: z.string(),
    severity: z.string(),
    phase: z.enum(INCIDENT_PHASES),
    declared_at: Time,
    restricted: z.boolean(),
    exercise: z.boolean(),
  }),
});

export const AssetSchema = z.object({
  id: z.string(),
  incident_id: z.string(),
  name: z.string(),
  kind: z.string(),
  status: z.string(),
  updated_at: Time,
});

export const AssetsBody = z.strictObject({
  assets: z
    .array(
      z.strictObject({
        name: z.string().max(300),
        kind: z.string().max(40).optional().describe("host (default), server, account, service, …"),
        status: z.enum(ASSET_STATUSES),
        note: z.string().max(2000).optional(),
      }),
    )
    .min(1)
    .max(1000),
});

export const RoleAssignmentSchema = z.object({
  id: z.string(),
  incident_id: z.string(),
  role: z.string(),
  person: z.string(),
  assigned_at: Time,
  assigned_by: z.string(),
  ended_at: Time.nullable(),
  current: z.boolean(),
});

export const RoleBody = z.strictObject({
  role: z.string().describe("a role id from the incident's plan"),
  person: z.string().describe("a person id from the plan's team"),
  reason: z.string().max(2000).optional(),
  additional: z
    .boolean()
    .optional()
    .describe("add beside the current holders instead of handing over"),
});

export const LinkedIncidentSchema = z.object({
  incident_id: z.string(),
  human_id: z.string(),
  title: z.string(),
  phase: z.enum(INCIDENT_PHASES),
  severity: z.string(),
  linked_at: Time,
});

export const ProblemSchema = z.object({
  id: z.string(),
  human_id: z.string(),
  title: z.string(),
  description: z.string(),
  state: z.enum(PROBLEM_STATES),
  cause: z.string().nullable(),
  workaround: z.string().nullable(),
  fix: z.string().nullable(),
  verified_by: z.string().nullable(),
  opened_at: Time,
  opened_by: z.string(),
  known_error_at: Time.nullable(),
  resolved_at: Time.nullable(),
  updated_at: Time,
  version: z.number().describe("send it back as If-Match to refuse a change made on a stale view"),
});

export const ProblemWithIncidentsSchema = ProblemSchema.extend({
  incidents: z.array(LinkedIncidentSchema),
});

export const OpenProblemBody = z.strictObject({
  title: z.string().max(300),
  description: z.string().max(20_000).optional(),
  incidents: z.array(z.string()).max(500).optional().describe("incident ids or human ids"),
});

export const LinkBody = z.strictObject({
  incidents: z.array(z.string()).min(1).max(500),
});

export const TransitionBody = z.strictObject({
  to: z.enum(PROBLEM_STATES),
  cause: z.string().max(10_000).optional().describe("required for known_error"),
  workaround: z.string().max(10_000).optional().describe("required for known_error"),
  fix: z.string().max(10_000).optional().describe("required for resolved"),
  verified_by: z.string().max(300).optional().describe("required for resolved"),
});

export const ProblemListQuery = z.object({
  state: z.string().optional().describe("comma-separated states"),
  incident: z.string().optional().describe("only problems linked to this incident"),
  q: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});
