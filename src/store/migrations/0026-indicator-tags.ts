import type { Kysely } from "kysely";
import { table } from "./table.js";

/**
 * Tags on indicators (a MISP event's and attribute's tags, kept on import: `tlp:amber`,
 * `misp-galaxy:…`), one row per tag. Keyed by the indicator, so tags follow an indicator that a
 * merge moves to the surviving incident.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await table(db, "indicator_tags", { indicator_id: "text", tag: "text" })
    .addPrimaryKeyConstraint("indicator_tags_pk", ["indicator_id", "tag"])
    .addForeignKeyConstraint("indicator_tags_indicator", ["indicator_id"], "indicators", ["id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("indicator_tags").execute();
}
