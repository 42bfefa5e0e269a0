import type { Kysely } from "kysely";
import { table } from "./table.js";

/**
 * Change events (PagerDuty's Change Events API): deploys and configuration changes, kept so that
 * an incident shows what changed on its services and hosts in the hours before it began. The
 * names each change touches sit in their own table, indexed by name and time, so "the changes to
 * these names in this window" is one index range per name, however many changes are stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await table(db, "change_events", {
    id: "text",
    integration_id: "text",
    summary: "text",
    source: "text?",
    timestamp: "text",
    received_at: "text",
    custom_details: "text?",
    links: "text",
    targets: "text",
    dedup_key: "text",
  })
    .addPrimaryKeyConstraint("change_events_pk", ["id"])
    .execute();
  // A sender's retry of a change with its own timestamp is stored once.
  await db.schema
    .createIndex("change_events_dedup")
    .on("change_events")
    .columns(["integration_id", "dedup_key"])
    .unique()
    .execute();
  // The list is newest first by the change's time (keyset paging on timestamp, id).
  await db.schema
    .createIndex("change_events_timestamp")
    .on("change_events")
    .columns(["timestamp", "id"])
    .execute();

  await table(db, "change_event_targets", {
    change_id: "text",
    target: "text",
    timestamp: "text",
  })
    .addPrimaryKeyConstraint("change_event_targets_pk", ["target", "timestamp", "change_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("change_event_targets").execute();
  await db.schema.dropTable("change_events").execute();
}
