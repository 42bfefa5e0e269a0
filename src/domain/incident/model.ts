/** The incident record and what hangs off it: the model the use cases, the store and the API share. */

import { z } from "zod";
import type { Actor } from "../actor.js";
import { INCIDENT_PHASES, type TaskPhase } from "./phase.js";
import type { TaskStatus } from "./task.js";
import type { TimelineKind, TimelineUnion } from "./timeline-kinds.js";

/** ISO 8601 UTC text, as every time in the model and the API is. */
const Time = z.string().describe("ISO 8601 UTC");

/** The moments metrics and clocks are computed from. */
const IncidentTimesSchema = z.object({
  first_activity_at: Time.nullable(),
  detected_at: Time.describe(
    "when the organisation became aware (`--aware-at`): the start of GDPR-style clocks",
  ),
  reported_at: Time,
  acknowledged_at: Time.nullable(),
  declared_at: Time,
  classified_at: Time.nullable().describe("classified as major (DORA)"),
  determined_at: Time.nullable().describe("materiality determined (SEC 8-K)"),
  contained_at: Time.nullable(),
  eradicated_at: Time.nullable(),
  recovered_at: Time.nullable(),
  remediation_opened_at: Time.nullable(),
  closed_at: Time.nullable(),
});

/**
 * The incident record, written once as a schema: the use cases and the store hold its type, the
 * API answers it as it is (`contract/incidents.ts` serves this schema), and the store's row is
 * derived from it (`store/tables/incidents.ts`). A field added here reaches all of them.
 */
export const IncidentSchema = z.object({
  id: z.string(),
  human_id: z.string(),
  title: z.string(),
  description: z.string(),
  type: z.string(),
  severity: z.string(),
  phase: z.enum(INCIDENT_PHASES),
  commander: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  source_alerts: z.array(z.string()),
  plan_id: z.string(),
  plan_version: z.number(),
  procedure_id: z.string(),
  procedure_version: z.number(),
  restricted: z.boolean(),
  exercise: z.boolean(),
  merged_into: z.string().nullable(),
  end_reason: z.string().nullable(),
  reopen_phase: z
    .enum(INCIDENT_PHASES)
    .nullable()
    .describe("the phase a closed or declined incident returns to when reopened"),
  times: IncidentTimesSchema,
  created_by: z.string(),
  updated_at: Time,
  version: z.number().describe("send it back as If-Match to refuse a change made on a stale view"),
});

export type Incident = z.output<typeof IncidentSchema>;
export type IncidentTimes = Incident["times"];

/** The incident's fields but its times, and the names of its times, as the schema lists them. */
export const INCIDENT_KEYS = Object.keys(IncidentSchema.shape).filter(
  (key): key is Exclude<keyof Incident, "times"> => key !== "times",
);
export const INCIDENT_TIME_KEYS = Object.keys(IncidentTimesSchema.shape) as (keyof IncidentTimes)[];

export interface TaskNote {
  at: string;
  by: string;
  text: string;
}

export interface Task {
  id: string;
  incident_id: string;
  phase: TaskPhase;
  step_id: string | null;
  procedure_id: string | null;
  procedure_version: number | null;
  title: string;
  role: string | null;
  instructions: string;
  required: boolean;
  reporting: boolean;
  evidence_expected: string[];
  due_at: string | null;
  status: TaskStatus;
  assignee: string | null;
  skip_reason: string | null;
  follow_up: boolean;
  notes: TaskNote[];
  evidence_ids: string[];
  position: number;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  completed_by: string | null;
}

/** A stored timeline entry, discriminated by `kind` (`timeline-kinds.ts` lists the kinds). */
export type TimelineEntry<K extends TimelineKind = TimelineKind> = TimelineUnion<
  {
    seq: number;
    recorded_at: string;
    /** When it happened, if a person backdated it (a discovery made earlier). */
    occurred_at: string | null;
    actor: Actor;
    prev_hash: string;
    hash: string;
  },
  K
>;

/** An entry to append; the store gives it its place in the chain. */
export type NewTimelineEntry<K extends TimelineKind = TimelineKind> = TimelineUnion<
  { actor: Actor; occurred_at?: string | null },
  K
>;

export interface RoleAssignment {
  id: string;
  incident_id: string;
  role: string;
  person: string;
  assigned_at: string;
  assigned_by: string;
  ended_at: string | null;
}

/**
 * A participant of an incident by other means than command, declaration or a role: someone an
 * escalation step paged (`reason: "paged"`). Restricted incidents are visible to participants.
 */
export interface IncidentMember {
  incident_id: string;
  person: string;
  reason: string;
  added_at: string;
  added_by: string;
}

export interface Evidence {
  id: string;
  incident_id: string;
  name: string;
  description: string;
  sha256: string;
  size: number;
  location: string;
  acquired_by: string;
  acquired_at: string;
  custodian: string;
  created_at: string;
}

export interface CustodyTransfer {
  id: string;
  evidence_id: string;
  from_custodian: string;
  to_custodian: string;
  at: string;
  reason: string;
}

export interface Indicator {
  id: string;
  incident_id: string;
  type: string;
  value: string;
  description: string;
  created_at: string;
  created_by: string;
}

export interface Asset {
  id: string;
  incident_id: string;
  name: string;
  kind: string;
  status: string;
  updated_at: string;
}
