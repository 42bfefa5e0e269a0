import type { Kysely } from "kysely";
import { table } from "./table.js";

/**
 * People who take part in a restricted incident without a role on it: those paged for it
 * (docs/security.md). One row per person and incident; the visibility rule reads it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await table(db, "incident_members", {
    incident_id: "text",
    person: "text",
    reason: "text",
    added_at: "text",
    added_by: "text",
  })
    .addPrimaryKeyConstraint("incident_members_pk", ["incident_id", "person"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("incident_members").execute();
}
