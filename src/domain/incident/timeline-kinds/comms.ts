import { z } from "zod";
import { NOTIFICATION_CHANNELS } from "../../clock-states.js";

/** Paging, status updates and regulatory clocks. */

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

export const COMMS_PAYLOADS = {
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
    /** Earlier reminder instants superseded by this one, not sent (catching up after downtime). */
    skipped: z.array(z.string()).optional(),
  }),
  "clock.overdue": clockRef.extend({ late_by_ms: z.number() }),
  "clock.notification_recorded": z.object({
    obligation_id: z.string(),
    regulation: z.string(),
    deadline_id: z.string(),
    sent_at: z.string(),
    recipient: z.string(),
    reference: z.string().nullable(),
    /** How it was sent (absent on entries written before channels were kept). */
    channel: z.enum(NOTIFICATION_CHANNELS).nullable().optional(),
  }),
  "clock.stopped": z.object({
    obligation_id: z.string(),
    regulation: z.string(),
    reason: z.string(),
  }),
} satisfies Record<string, z.ZodType<Record<string, unknown>>>;
