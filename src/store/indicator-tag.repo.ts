import type { IndicatorTagStore } from "../exchange/exchange.types.js";
import type { Db } from "./connect.js";

/** Chunks of inserts: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

/** Indicator tags in `indicator_tags` (migrations/0026-indicator-tags.ts). */
export function indicatorTagRepo(db: Db): IndicatorTagStore {
  const k = db.kysely;
  return {
    async add(tags) {
      if (tags.length === 0) return;
      await k.transaction().execute(async (tx) => {
        for (let i = 0; i < tags.length; i += CHUNK)
          await tx
            .insertInto("indicator_tags")
            .values(tags.slice(i, i + CHUNK))
            .onConflict((oc) => oc.columns(["indicator_id", "tag"]).doNothing())
            .execute();
      });
    },

    async forIncident(incidentId) {
      const rows = await k
        .selectFrom("indicator_tags as t")
        .innerJoin("indicators as i", "i.id", "t.indicator_id")
        .select(["t.indicator_id", "t.tag"])
        .where("i.incident_id", "=", incidentId)
        .execute();
      const tags = new Map<string, string[]>();
      for (const r of rows) tags.set(r.indicator_id, [...(tags.get(r.indicator_id) ?? []), r.tag]);
      // Sorted here, not in SQL: SQLite and PostgreSQL collate text differently.
      for (const list of tags.values()) list.sort();
      return tags;
    },
  };
}
