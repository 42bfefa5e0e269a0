import { z } from "zod";
import { DomainError } from "../errors.js";
import { INCIDENT_PHASES, TASK_PHASES } from "./phase.js";
import { TASK_STATUSES } from "./task.js";

/**
 * Every kind of timeline entry and the payload it carries: the one list writers, the store,
 * paging, reports and the web agree on. The store checks each new entry against its kind's
 * schema before chaining it (`parseTimelineEntry`); a kind missing here does not compile in a
 * writer, and a reader that switches over every kind is told by the compiler which one it
 * forgot. Stored entries are read as they were written: an entry of an earlier version may lack
 * a field added since, so readers stay tolerant of missing fields.
 *
 * The schemas check and never change a payload (no defaults, no transforms): the payload that is
 * hashed into the chain is the object the writer gave, not the schema's output.
 */

const phase = z.enum(INCIDENT_PHASES);
const taskPhase = z.enum(TASK_PHASES);
const taskStatus = z.enum(TASK_STATUSES);
const record = z.record(z.string(), z.unknown());
const change = z.object({ from: z.unknown(), to: z.unknown() });
/** A task as a gate or a close names it. */
const taskBrief = z.object({
  id: z.string(),
  title: z.string(),
  phase: taskPhase,
  status: taskStatus,
});
/** Who a page or reminder reached (`comms/escalation/recipients.ts`). */
const recipient = z.object({
  spec: z.string(),
  people: z.array(z.string()),
  via: z.enum(["on_call", "role_holders", "person", "channel", "unknown"]),
});
const clockRef = z.object({
  obligation_id: z.string(),
  regulation: z.string(),
  deadline_id: z.string(),
  due_at: z.string(),
});
const problemBrief = z.object({
  problem_id: z.string(),
  problem: z.string(),
  title: z.string(),
  state: z.string(),
});
/** The root-cause analysis an `rca.*` entry is about: its id and human id. */
const rcaRef = z.object({ rca_id: z.string(), rca: z.string() });
const actionItemBrief = z.object({
  action_item_id: z.string(),
  action_item: z.string(),
  title: z.string(),
  owner: z.string(),
  due_at: z.string(),
  status: z.string(),
});
const note = z.object({ text: z.string(), sets: z.enum(["classified", "determined"]).optional() });

export const TIMELINE_PAYLOADS = {
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

  // Communication, paging and regulatory clocks.
  status_update: z.object({
    audience: z.string(),
    summary: z.string(),
    impact: z.string().nullable(),
    actions: z.string().nullable(),
    blockers: z.string().nullable(),
    decisions: z.string().nullable(),
    next_update: z.string().nullable(),
    text: z.string(),
    missing: z.array(z.string()),
    notifications: z.array(z.string()),
  }),
  "status_update.due": z.object({
    key: z.string(),
    audience: z.string(),
    due_at: z.string(),
    reminder: z.number(),
    level: z.number(),
    recipients: z.array(recipient),
    notifications: z.array(z.string()),
  }),
  "escalation.paged": z.object({
    key: z.string(),
    /** The escalation run: the incident version it started at. */
    run: z.number(),
    severity: z.string(),
    round: z.number(),
    rounds: z.number(),
    step: z.number(),
    steps: z.number(),
    recipients: z.array(recipient),
    notifications: z.array(z.string()),
    next_at: z.string().nullable(),
  }),
  "escalation.exhausted": z.object({ run: z.number(), severity: z.string(), rounds: z.number() }),
  "escalation.retargeted": z.object({ run: z.number(), from: z.string(), to: z.string() }),
  "clock.reminder": clockRef.extend({
    at: z.string(),
    urgency: z.string(),
    recipients: z.array(recipient),
    notifications: z.array(z.string()),
  }),
  "clock.overdue": clockRef.extend({ late_by_ms: z.number() }),
  "clock.notification_recorded": z.object({
    obligation_id: z.string(),
    regulation: z.string(),
    deadline_id: z.string(),
    sent_at: z.string(),
    recipient: z.string(),
    reference: z.string().nullable(),
  }),
  "clock.stopped": z.object({
    obligation_id: z.string(),
    regulation: z.string(),
    reason: z.string(),
  }),

  // Problems and post-incident work.
  "problem.linked": problemBrief,
  "problem.state_changed": problemBrief.extend({
    from: z.string(),
    to: z.string(),
    cause: z.string().nullable().optional(),
    workaround: z.string().nullable().optional(),
    fix: z.string().nullable().optional(),
    verified_by: z.string().nullable().optional(),
  }),
  "problem.cause_updated": z.object({
    problem_id: z.string(),
    problem: z.string(),
    from: z.string().nullable(),
    to: z.string(),
    rca: z.string(),
  }),
  "rca.started": rcaRef.extend({ title: z.string(), scope: z.string() }),
  "rca.scope_updated": rcaRef.extend({ from: z.string(), to: z.string() }),
  "rca.cause_added": rcaRef.extend({
    cause_id: z.string().optional(),
    parent_id: z.string().nullable().optional(),
    statement: z.string(),
    evidence: z.array(z.string()).optional(),
    contributing_factors: z.array(z.string()),
  }),
  "rca.cause_updated": rcaRef.extend({
    cause_id: z.string(),
    from: z.string().optional(),
    statement: z.string().optional(),
    contributing_factors: z.array(z.string()).optional(),
    evidence_changed: z.boolean().optional(),
  }),
  "rca.cause_removed": rcaRef.extend({ cause_id: z.string(), statement: z.string().optional() }),
  "rca.root_cause_identified": rcaRef.extend({ cause_id: z.string(), chain: z.array(z.string()) }),
  "rca.solution_set": rcaRef.extend({ summary: z.string(), workaround: z.string().nullable() }),
  "rca.completed": rcaRef.extend({ problems_resolved: z.array(z.string()) }),
  "action_item.added": actionItemBrief,
  "action_item.updated": actionItemBrief.extend({ changes: z.record(z.string(), change) }),
  "lessons.recorded": z.object({
    review_id: z.string(),
    went_well: z.number(),
    went_poorly: z.number(),
    learned: z.number(),
    proposals: z.array(z.object({ target: z.string(), change: z.string(), status: z.string() })),
  }),
  "report.generated": z.object({
    report_id: z.string(),
    kind: z.string(),
    format: z.string(),
    version: z.number(),
    sha256: z.string(),
    size: z.number(),
  }),

  // Exercises.
  "exercise.inject": z.object({
    run: z.string(),
    inject: z.string(),
    title: z.string(),
    at: z.string(),
    message: z.string().optional(),
    question: z.string().optional(),
  }),
  "exercise.finished": z.object({ run: z.string(), score: z.number(), gaps: z.number() }),
} satisfies Record<string, z.ZodType<Record<string, unknown>>>;

/** The name of a kind of timeline entry. */
export type TimelineKind = keyof typeof TIMELINE_PAYLOADS;

type Payloads = { [K in TimelineKind]: z.infer<(typeof TIMELINE_PAYLOADS)[K]> };

/** What an entry of kind `K` carries. */
export type TimelinePayload<K extends TimelineKind> = Payloads[K];

/**
 * `{ kind, payload }` for each kind in `K`, with the fields `Fields` every entry has: a union
 * discriminated by `kind`, so that narrowing on the kind types the payload.
 */
export type TimelineUnion<Fields, K extends TimelineKind = TimelineKind> = {
  [P in K]: Fields & { kind: P; payload: TimelinePayload<P> };
}[K];

/** An entry's kind and payload, one member per kind. */
export type TimelineContent = TimelineUnion<unknown>;

/**
 * The content of an entry whose kind is a type parameter (a helper that records a kind its
 * caller names). TypeScript cannot see that `{ kind: K; payload: TimelinePayload<K> }` is the
 * union's member for `K`; this is the one place that says so.
 */
export function timelineContent<K extends TimelineKind>(
  kind: K,
  payload: TimelinePayload<K>,
): TimelineContent {
  return { kind, payload } as TimelineContent;
}

/** The kinds that end an incident, with the phase each leaves it in. */
export const ENDING_KINDS = {
  "incident.closed": "closed",
  "incident.declined": "declined",
  "incident.merged": "merged",
} as const satisfies Partial<Record<TimelineKind, (typeof INCIDENT_PHASES)[number]>>;

export function isEndingKind(kind: TimelineKind): kind is keyof typeof ENDING_KINDS {
  return Object.hasOwn(ENDING_KINDS, kind);
}

/**
 * Checks a new entry before the store chains it: its kind must be one of the list and its
 * payload must fit the kind's schema. A writer the compiler let through (a cast, a payload
 * assembled at run time) is refused here rather than chained forever. The payload is only
 * checked, never replaced, so what is hashed is what the writer gave.
 */
export function checkTimelineEntry(entry: { kind: string; payload: unknown }): void {
  if (!Object.hasOwn(TIMELINE_PAYLOADS, entry.kind))
    throw new DomainError("invalid_input", `unknown timeline entry kind '${entry.kind}'`, [
      { message: "not a kind of timeline entry", path: "kind" },
    ]);
  const parsed = TIMELINE_PAYLOADS[entry.kind as TimelineKind].safeParse(entry.payload);
  if (!parsed.success)
    throw new DomainError(
      "invalid_input",
      `the payload of a '${entry.kind}' timeline entry does not fit its kind`,
      parsed.error.issues.map((i) => ({
        message: i.message,
        path: ["payload", ...i.path.map(String)].join("."),
      })),
    );
}
