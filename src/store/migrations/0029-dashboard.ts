import type { Kysely } from "kysely";

/**
 * The dashboard's "latest activity" walks the timeline newest first across open incidents
 * (store/dashboard.repo.ts); this index lets it stop after a dozen entries instead of sorting
 * every entry of every open incident.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("timeline_recorded").on("timeline").column("recorded_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("timeline_recorded").execute();
}
