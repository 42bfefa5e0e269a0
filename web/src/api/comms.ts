import { api } from "./client";
import type { Page } from "./types";

/**
 * Regulatory clocks, status updates, escalation and notifications
 * (`src/server/routes/clock.routes.ts`, `comms.routes.ts`, shapes in `comms.schemas.ts`).
 */

export type ClockState =
  | "not_applicable"
  | "waiting"
  | "running"
  | "due_soon"
  | "overdue"
  | "met"
  | "stopped";

export interface Deadline {
  id: string;
  name: string;
  counts_from: string | null;
  due_at: string | null;
  state: string;
  time_left_ms: number | null;
  met_at: string | null;
  waiting_for: string | null;
  notification: { sent_at: string; recipient: string; reference: string | null } | null;
  /** Every way the deadline is counted; the earliest known due time governs. */
  alternatives: {
    start: string | null;
    from: string | null;
    counts_from: string | null;
    due_at: string | null;
    governs: boolean;
  }[];
}

export interface Clock {
  obligation_id: string;
  regulation: string;
  recipient: string;
  applies: boolean;
  state: ClockState;
  start_event: string;
  started_at: string | null;
  waiting_for: string | null;
  stopped: { reason: string; at: string } | null;
  next_due_at: string | null;
  deadlines: Deadline[];
  incident: { id: string; human_id: string; title: string; severity: string; phase: string };
}

export interface Cadence {
  audience: string;
  name: string;
  every: string | null;
  /** False while the audience's condition does not hold. */
  applies: boolean;
  last_update_at: string | null;
  next_due_at: string | null;
  overdue: boolean;
}

export interface StatusUpdates {
  items: { seq: number; at: string; audience: string; text?: string; [k: string]: unknown }[];
  cadence: Cadence[];
}

export interface StatusUpdateInput {
  audience: string;
  summary: string;
  impact?: string;
  actions?: string;
  blockers?: string;
  decisions?: string;
}

export interface StatusUpdateResult {
  text: string;
  missing: string[];
  next_update: string | null;
  notifications: { id: string; channel: string; status: string }[];
}

export interface Escalation {
  status: "active" | "acknowledged" | "exhausted" | "ended" | "no_path";
  severity: string;
  next: { round: number; step: number; at: string } | null;
  last: { round: number; step: number; at: string } | null;
  started_at: string;
}

export interface Notification {
  id: string;
  kind: string;
  channel: { kind: string; target: string; id: string | null };
  recipient: string | null;
  subject: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const at = (ref: string) => `/incidents/${encodeURIComponent(ref)}`;

export const clocksApi = {
  forIncident: (ref: string, signal?: AbortSignal) =>
    api<Page<Clock>>(`${at(ref)}/clocks`, { signal }).then((p) => p.items),
  running: (signal?: AbortSignal) =>
    api<Page<Clock>>("/clocks", { signal, query: { state: "running,due_soon,overdue" } }).then(
      (p) => p.items,
    ),
  recordNotification: (ref: string, obligationId: string, deadlineId: string, reference?: string) =>
    api<Clock>(`${at(ref)}/clocks/${encodeURIComponent(obligationId)}/notifications`, {
      json: { deadline_id: deadlineId, reference: reference || undefined },
    }),
};

export const commsApi = {
  updates: (ref: string, signal?: AbortSignal) =>
    api<StatusUpdates>(`${at(ref)}/updates`, { signal }),
  sendUpdate: (ref: string, input: StatusUpdateInput) =>
    api<StatusUpdateResult>(`${at(ref)}/updates`, { json: input }),
  escalation: (ref: string, signal?: AbortSignal) =>
    api<Escalation | null>(`${at(ref)}/escalation`, { signal }),
  notifications: (ref: string, signal?: AbortSignal) =>
    api<Page<Notification>>(`${at(ref)}/notifications`, { signal }).then((p) => p.items),
};
