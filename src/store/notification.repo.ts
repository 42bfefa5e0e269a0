import type {
  ChannelKind,
  DeliveryAttempt,
  Notification,
  NotificationKind,
  NotificationStatus,
  NotificationStore,
} from "../comms/notification.types.js";
import { notFound } from "../domain/errors.js";
import { newRowId } from "../domain/row-id.js";
import type { Db } from "./connect.js";
import type { NotificationAttemptsTable, NotificationsTable } from "./tables/notifications.js";

/** Errors are kept for people to read; a peer's 1 MB error page helps nobody. */
const MAX_TEXT = 2000;
const clip = (s: string | undefined) => (s === undefined ? null : s.slice(0, MAX_TEXT));

function toNotification(row: NotificationsTable): Notification {
  return {
    id: row.id,
    incidentId: row.incident_id,
    incidentRef: row.incident_ref,
    kind: row.kind as NotificationKind,
    channel: {
      kind: row.channel_kind as ChannelKind,
      target: row.channel_target,
      id: row.channel_id,
    },
    recipient: row.recipient,
    subject: row.subject,
    body: { text: row.body_text, html: row.body_html, markdown: row.body_markdown },
    severity: row.severity,
    phase: row.phase,
    links: JSON.parse(row.links),
    labels: JSON.parse(row.labels),
    status: row.status as NotificationStatus,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

function toAttempt(row: NotificationAttemptsTable): DeliveryAttempt {
  return {
    attempt: Number(row.attempt),
    at: row.at,
    outcome: row.outcome as DeliveryAttempt["outcome"],
    error: row.error,
    httpStatus: row.http_status === null ? null : Number(row.http_status),
    detail: row.detail,
    durationMs: Number(row.duration_ms),
  };
}

export function notificationRepo(db: Db): NotificationStore {
  const k = db.kysely;
  return {
    async create(n, now) {
      const row: NotificationsTable = {
        id: newRowId(),
        incident_id: n.incidentId ?? null,
        incident_ref: n.incidentRef ?? null,
        kind: n.kind,
        channel_id: n.channel.id ?? null,
        channel_kind: n.channel.kind,
        channel_target: n.channel.target,
        recipient: n.recipient ?? null,
        subject: n.subject,
        body_text: n.body.text,
        body_html: n.body.html ?? null,
        body_markdown: n.body.markdown ?? null,
        severity: n.severity ?? null,
        phase: n.phase ?? null,
        links: JSON.stringify(n.links),
        labels: JSON.stringify(n.labels),
        status: "pending",
        attempts: 0,
        last_error: null,
        created_at: now.toISOString(),
        sent_at: null,
      };
      await k.insertInto("notifications").values(row).execute();
      return toNotification(row);
    },

    async get(id) {
      const row = await k
        .selectFrom("notifications")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toNotification(row) : undefined;
    },

    async recordAttempt(id, a) {
      return k.transaction().execute(async (tx) => {
        // Locked on PostgreSQL so that two overlapping runs (a lease lost mid-delivery) number
        // their attempts 1, 2 rather than 1, 1.
        const current = await tx
          .selectFrom("notifications")
          .selectAll()
          .where("id", "=", id)
          .$if(db.dialect === "postgres", (q) => q.forUpdate())
          .executeTakeFirst();
        if (!current) throw notFound("notification", id);
        const at = a.at.toISOString();
        const open = current.status === "pending";
        let status = current.status;
        if (open && a.outcome === "sent") status = "sent";
        if (open && a.outcome === "failed" && a.final) status = "failed";
        const error = a.outcome === "failed" ? clip(a.error ?? "failed") : null;
        const row = await tx
          .updateTable("notifications")
          .set({
            attempts: Number(current.attempts) + 1,
            status,
            // The log keeps every error; the row shows the one that explains its status.
            last_error: !open ? current.last_error : error,
            sent_at: open && status === "sent" ? at : current.sent_at,
          })
          .where("id", "=", id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await tx
          .insertInto("notification_attempts")
          .values({
            id: newRowId(),
            notification_id: id,
            attempt: Number(row.attempts),
            at,
            outcome: a.outcome,
            error,
            http_status: a.httpStatus ?? null,
            detail: clip(a.detail),
            duration_ms: Math.max(0, Math.round(a.durationMs)),
          })
          .execute();
        return toNotification(row);
      });
    },

    async list(filter = {}) {
      const rows = await k
        .selectFrom("notifications")
        .selectAll()
        .$if(filter.incidentId !== undefined, (q) =>
          q.where("incident_id", "=", filter.incidentId as string),
        )
        .$if(filter.status !== undefined, (q) =>
          q.where("status", "=", filter.status as NotificationStatus),
        )
        .orderBy("created_at")
        .orderBy("id")
        .limit(filter.limit ?? 500)
        .execute();
      return rows.map(toNotification);
    },

    async deliveries(ids) {
      const log = new Map<string, DeliveryAttempt[]>(ids.map((id) => [id, []]));
      if (ids.length === 0) return log;
      const rows = await k
        .selectFrom("notification_attempts")
        .selectAll()
        .where("notification_id", "in", [...ids])
        .orderBy("notification_id")
        .orderBy("attempt")
        .orderBy("at")
        .execute();
      for (const row of rows) log.get(row.notification_id)?.push(toAttempt(row));
      return log;
    },
  };
}
