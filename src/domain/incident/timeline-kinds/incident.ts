import { z } from "zod";
import { INCIDENT_PHASES, TASK_PHASES } from "../phase.js";
import { TASK_STATUSES } from "../task.js";

/** The response's own entries: declaration to close, phases, tasks, notes, roles, what was found. */

const phase = z.enum(INCIDENT_PHASES);
const taskPhase = z.enum(TASK_PHASES);
const taskStatus = z.enum(TASK_STATUSES);
const record = z.record(z.string(), z.unknown());
/** A changed value: what it was and what it became. */
export const change = z.object({ from: z.unknown(), to: z.unknown() });
/** A task as a gate or a close names it. */
const taskBrief = z.object({
  id: z.string(),
  title: z.string(),
  phase: taskPhase,
  status: taskStatus,
});
const note = z.object({ text: z.string(), sets: z.enum(["classified", "determined"]).optional() });

export const INCIDENT_PAYLOADS = {
  // Declaration, classification and the end of an incident.
  "incident.declared": z.object({
    title: z.string(),
    type: z.string(),
    severity: z.string(),
    attributes: record,
    plan: z.string(),
    procedure: z.string(),
    tasks: z.number(),
    source_alerts: z.array(z.string()),
    assets: z.array(z.string()),
  }),
  "incident.acknowledged": z.object({ via: z.string(), first: z.boolean() }),
  "incident.classified": z.object({
    reason: z.string(),
    /** `severity`, `type` or `attributes.<name>`. */
    changes: z.record(z.string(), change),
    tasks_added: z.array(z.string()),
    /** Clock starts the new attributes set (`classified_at`, `determined_at`). */
    times_set: z.record(z.string(), z.string().nullable()).optional(),
  }),
  "incident.closing_overridden": z.object({
    severity: z.string(),
    missing: z.array(z.string()),
    missing_names: z.array(z.string()),
    reason: z.string(),
  }),
  "incident.closed": z.object({ reason: z.string().nullable(), follow_ups: z.array(taskBrief) }),
  "incident.declined": z.object({ reason: z.string(), phase }),
  "incident.merged": z.object({ into: z.string(), reason: z.string() }),
  "incident.merge_received": z.object({ from: z.string(), reason: z.string() }),
  /**
   * What a merge moved from the merged incident to the surviving one, written on both: alert ids,
   * indicators as `type:value`, asset names, evidence names. Indicators and assets the surviving
   * incident already had stay on the merged one.
   */
  "incident.records_moved": z.object({
    from: z.string(),
    to: z.string(),
    alerts: z.array(z.string()),
    indicators: z.array(z.string()),
    assets: z.array(z.string()),
    evidence: z.array(z.string()),
  }),
  "incident.reopened": z.object({ from: phase, to: phase, reason: z.string() }),
  "incident.members_added": z.object({
    key: z.string(),
    people: z.array(z.string()),
    reason: z.string(),
  }),

  // Phases and tasks.
  "phase.advanced": z.object({ from: phase, to: phase, reason: z.string().nullable() }),
  "phase.gate_overridden": z.object({
    phase,
    reason: z.string(),
    passed_over: z.array(taskBrief),
  }),
  "remediation.opened": z.object({ tasks: z.number() }),
  "task.added": z.object({
    task_id: z.string(),
    title: z.string(),
    phase: taskPhase,
    required: z.boolean(),
  }),
  "task.updated": z.object({
    task_id: z.string(),
    title: z.string(),
    phase: taskPhase,
    /** Set when the change came from the follow-up action list. */
    follow_up: z.boolean().optional(),
    changes: z.object({
      status: z
        .object({ from: taskStatus, to: taskStatus, reason: z.string().optional() })
        .optional(),
      assignee: z.object({ from: z.string().nullable(), to: z.string().nullable() }).optional(),
      follow_up: z.boolean().optional(),
      note: z.string().optional(),
      evidence_ids: z.array(z.string()).optional(),
    }),
  }),
  note,
  decision: note,

  // Roles.
  "role.assigned": z.object({
    role: z.string(),
    person: z.string(),
    // Set by an assignment after declaration (declaration records role and person only).
    to: z.string().optional(),
    at: z.string().optional(),
    qualified: z.boolean().optional(),
    reason: z.string().nullable().optional(),
    additional: z.boolean().optional(),
  }),
  "role.handover": z.object({
    role: z.string(),
    to: z.string(),
    at: z.string(),
    qualified: z.boolean(),
    reason: z.string().nullable(),
    /** The holders it was handed over from, comma-separated. */
    from: z.string(),
    /** The role assignments it ended. */
    ended: z.array(z.string()),
  }),
  "role.released": z.object({
    role: z.string(),
    person: z.string(),
    at: z.string(),
    reason: z.string().nullable(),
  }),

  // What the responders found and hold.
  "evidence.added": z.object({
    evidence_id: z.string(),
    name: z.string(),
    description: z.string(),
    sha256: z.string(),
    size: z.number(),
    location: z.string(),
    acquired_by: z.string(),
    acquired_at: z.string(),
    custodian: z.string(),
  }),
  "custody.transferred": z.object({
    evidence_id: z.string(),
    name: z.string(),
    sha256: z.string(),
    from: z.string(),
    to: z.string(),
    at: z.string(),
    reason: z.string(),
  }),
  "indicator.added": z.object({
    indicator_id: z.string(),
    type: z.string(),
    value: z.string(),
    description: z.string(),
  }),
  "asset.updated": z.object({
    asset_id: z.string(),
    name: z.string(),
    kind: z.string(),
    from: z.string().nullable(),
    to: z.string(),
    note: z.string().optional(),
  }),
  "alert.attached": z.object({
    alert_id: z.string(),
    dedup_key: z.string(),
    title: z.string(),
    severity: z.string(),
    source: z.string(),
    rule_id: z.string().nullable(),
    count: z.number(),
    entities: record,
  }),
} satisfies Record<string, z.ZodType<Record<string, unknown>>>;
