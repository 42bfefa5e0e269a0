export interface NotificationTables {
  notifications: NotificationsTable;
  notification_attempts: NotificationAttemptsTable;
}

/** Every message Firebreak sent or tried to send; never deleted, so nothing is dropped silently. */
export interface NotificationsTable {
  id: string;
  incident_id: string | null;
  /** The incident's human id (e.g. `INC-2026-0007`), shown in subjects. */
  incident_ref: string | null;
  /** page, status_update, reminder, exercise, test. */
  kind: string;
  /** The plan's channel id, when the message went to a named channel. */
  channel_id: string | null;
  /** email, webhook, slack (phone, sms and chat have no transport yet and fail visibly). */
  channel_kind: string;
  /** As configured: `${env:NAME}` stays unresolved here so that secrets stay out of the database. */
  channel_target: string;
  /** Who it is for, e.g. `person:ann` or `role:commander`, for the record. */
  recipient: string | null;
  subject: string;
  body_text: string;
  body_html: string | null;
  body_markdown: string | null;
  /** The incident's severity and phase when the message was written. */
  severity: string | null;
  phase: string | null;
  /** JSON object of named URLs, e.g. `{"ack": "https://…"}`. */
  links: string;
  /** JSON array, e.g. `["exercise"]`. */
  labels: string;
  /** pending, sent, failed. */
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** One delivery attempt of a notification: the delivery log. */
export interface NotificationAttemptsTable {
  id: string;
  notification_id: string;
  /** 1, 2, 3… per notification. */
  attempt: number;
  at: string;
  /** sent or failed. */
  outcome: string;
  error: string | null;
  http_status: number | null;
  /** What the peer answered, e.g. the SMTP server's response line. */
  detail: string | null;
  duration_ms: number;
}
