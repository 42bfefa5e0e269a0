import { type Kysely, sql } from "kysely";

/**
 * Before the egress-checked client (docs/security.md#outgoing-requests-egress), webhook and Slack
 * delivery attempts kept the first 300 characters of the receiver's answer, in `detail` and after
 * `HTTP nnn …: ` in `error`, where anyone who may read the incident saw them; a receiver on the
 * internal network (or the metadata service) could so leak into incidents. This keeps the status
 * code and the timing, and drops what the receivers said. E-mail keeps its SMTP reply (the
 * operator's own relay). Safe to run again: it only removes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Migrations see the schema as it was then, untyped.
  const k = db as Kysely<Record<string, Record<string, unknown>>>;
  const http = k
    .selectFrom("notifications")
    .select("id")
    .where("channel_kind", "in", ["webhook", "slack"]);
  await k
    .updateTable("notification_attempts")
    .set({ detail: null })
    .where("notification_id", "in", http)
    .where("detail", "is not", null)
    .execute();
  await k
    .updateTable("notification_attempts")
    .set({ error: sql`${"HTTP "} || cast(http_status as text)` })
    .where("notification_id", "in", http)
    .where("http_status", "is not", null)
    .where("error", "like", "HTTP %")
    .execute();
  await k
    .updateTable("notifications")
    .set({ last_error: sql`${"HTTP "} || substr(last_error, 6, 3)` })
    .where("channel_kind", "in", ["webhook", "slack"])
    .where("last_error", "like", "HTTP ___%")
    .execute();
}

export async function down(): Promise<void> {
  // What was dropped is gone on purpose.
}
