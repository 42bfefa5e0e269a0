import { z } from "zod";
import { ChannelKind as ChannelKindSchema } from "../documents/plan.schema.js";

/** email, webhook, slack, phone, sms, chat: the plan's channel kinds. */
export type ChannelKind = z.infer<typeof ChannelKindSchema>;

export const NOTIFICATION_KINDS = [
  "page",
  "status_update",
  "reminder",
  "exercise",
  "test",
] as const;
/** Why a message goes out; `exercise` messages are marked EXERCISE on every channel. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** `pending` until delivered (`sent`) or given up after the last attempt (`failed`). */
export type NotificationStatus = "pending" | "sent" | "failed";

const Url = z.string().regex(/^https?:\/\/\S+$/, "must be an http:// or https:// URL");

/** What a caller hands to `sendNotification`; validated there. */
export const NewNotification = z.strictObject({
  incidentId: z.string().min(1).nullish(),
  /** The incident's human id, shown in subjects and headers (falls back to `incidentId`). */
  incidentRef: z.string().min(1).nullish(),
  kind: z.enum(NOTIFICATION_KINDS),
  channel: z.strictObject({
    kind: ChannelKindSchema,
    /** Address or URL as configured; `${env:NAME}` is resolved at each delivery, never stored. */
    target: z.string().min(1),
    /** The plan's channel id, when the message goes to a named channel. */
    id: z.string().min(1).optional(),
  }),
  /** For the record: `person:ann`, `role:commander`, `channel:exec`. */
  recipient: z.string().min(1).optional(),
  subject: z.string().trim().min(1).max(300),
  body: z.strictObject({
    text: z.string().min(1),
    html: z.string().min(1).optional(),
    /** Markdown for channels that render it (Slack gets a converted copy). */
    markdown: z.string().min(1).optional(),
  }),
  severity: z.string().min(1).optional(),
  phase: z.string().min(1).optional(),
  /** Named links; `ack` becomes the Acknowledge button or link, `incident` the incident page. */
  links: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), Url).default({}),
  /** Free labels; `exercise` (any case) marks the message EXERCISE everywhere. */
  labels: z.array(z.string().trim().min(1)).default([]),
});
export type NewNotification = z.input<typeof NewNotification>;

/** A stored notification. Times are ISO 8601 UTC text. */
export interface Notification {
  id: string;
  incidentId: string | null;
  incidentRef: string | null;
  kind: NotificationKind;
  channel: { kind: ChannelKind; target: string; id: string | null };
  recipient: string | null;
  subject: string;
  body: { text: string; html: string | null; markdown: string | null };
  severity: string | null;
  phase: string | null;
  links: Record<string, string>;
  labels: string[];
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** One line of the delivery log. */
export interface DeliveryAttempt {
  /** 1, 2, 3… per notification. */
  attempt: number;
  at: string;
  outcome: "sent" | "failed";
  error: string | null;
  /** The peer's HTTP status, for webhook and Slack deliveries. */
  httpStatus: number | null;
  /** What the peer answered (e.g. the SMTP server's reply). */
  detail: string | null;
  durationMs: number;
}

export interface NotificationWithLog extends Notification {
  deliveries: DeliveryAttempt[];
}

export interface AttemptRecord {
  at: Date;
  outcome: "sent" | "failed";
  error?: string;
  httpStatus?: number;
  detail?: string;
  durationMs: number;
  /** For a failure: no attempt follows, so the notification becomes `failed`. */
  final: boolean;
}

export interface NotificationFilter {
  incidentId?: string;
  status?: NotificationStatus;
  /** Oldest first; default 500. */
  limit?: number;
}

/** What the notification use cases need from storage. */
export interface NotificationStore {
  create(notification: z.output<typeof NewNotification>, now: Date): Promise<Notification>;
  get(id: string): Promise<Notification | undefined>;
  /**
   * Logs an attempt and moves the status on (sent; failed when final; else still pending). A
   * notification already `sent` or `failed` keeps its status: a late duplicate is logged only.
   */
  recordAttempt(id: string, attempt: AttemptRecord): Promise<Notification>;
  list(filter?: NotificationFilter): Promise<Notification[]>;
  /** The delivery log of each notification, oldest attempt first. */
  deliveries(ids: readonly string[]): Promise<Map<string, DeliveryAttempt[]>>;
}

/** True when every channel must mark the message EXERCISE. */
export function isExercise(n: Pick<Notification, "kind" | "labels">): boolean {
  return n.kind === "exercise" || n.labels.some((l) => l.toLowerCase() === "exercise");
}
