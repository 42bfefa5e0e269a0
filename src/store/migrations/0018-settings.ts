import type { Kysely } from "kysely";
import { table } from "./table.js";

/**
 * Deployment-wide settings an admin changes in the browser (the first-run checklist's dismissal
 * first): one JSON value per key, with who set it and when. Generic, so the next such setting
 * needs no migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await table(db, "settings", {
    key: "text",
    value: "text",
    updated_at: "text",
    updated_by: "text",
  })
    .addPrimaryKeyConstraint("settings_pk", ["key"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("settings").execute();
}
