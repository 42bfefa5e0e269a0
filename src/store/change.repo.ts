import type { Kysely, Selectable } from "kysely";
import type { ChangeEvent, ChangeLink } from "../domain/change.js";
import type { ChangeStore } from "../response/change.types.js";
import type { Db } from "./connect.js";
import type { Database } from "./database.js";
import { newestFirstPage } from "./keyset-page.js";
import type { ChangeEventsTable } from "./tables/changes.js";

function fromRow(r: Selectable<ChangeEventsTable>): ChangeEvent {
  return {
    id: r.id,
    integration_id: r.integration_id,
    summary: r.summary,
    source: r.source,
    timestamp: r.timestamp,
    received_at: r.received_at,
    custom_details:
      r.custom_details === null ? null : (JSON.parse(r.custom_details) as Record<string, unknown>),
    links: JSON.parse(r.links) as ChangeLink[],
    targets: JSON.parse(r.targets) as string[],
    dedup_key: r.dedup_key,
  };
}

/** Change events over Kysely (both dialects). */
export function changeRepo(db: Db): ChangeStore {
  const k: Kysely<Database> = db.kysely;
  return {
    async record(change) {
      const stored = await k.transaction().execute(async (tx) => {
        const inserted = await tx
          .insertInto("change_events")
          .values({
            ...change,
            custom_details:
              change.custom_details === null ? null : JSON.stringify(change.custom_details),
            links: JSON.stringify(change.links),
            targets: JSON.stringify(change.targets),
          })
          .onConflict((oc) => oc.columns(["integration_id", "dedup_key"]).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!inserted) return undefined;
        if (change.targets.length > 0)
          await tx
            .insertInto("change_event_targets")
            .values(
              change.targets.map((target) => ({
                change_id: change.id,
                target,
                timestamp: change.timestamp,
              })),
            )
            .execute();
        return fromRow(inserted);
      });
      if (stored) return stored;
      const existing = await k
        .selectFrom("change_events")
        .selectAll()
        .where("integration_id", "=", change.integration_id)
        .where("dedup_key", "=", change.dedup_key)
        .executeTakeFirstOrThrow();
      return fromRow(existing);
    },

    async list(filter, limit, cursor) {
      let q = k.selectFrom("change_events").selectAll();
      if (filter.since) q = q.where("timestamp", ">=", filter.since);
      if (filter.until) q = q.where("timestamp", "<=", filter.until);
      const { targets, since, until } = filter;
      if (targets?.length) {
        // Through the (target, timestamp) key: one index range per name, not a scan of changes.
        q = q.where("id", "in", (eb) => {
          let t = eb
            .selectFrom("change_event_targets")
            .select("change_id")
            .where("target", "in", targets);
          if (since) t = t.where("timestamp", ">=", since);
          if (until) t = t.where("timestamp", "<=", until);
          return t;
        });
      }
      return newestFirstPage(q, "change_events", limit, cursor, fromRow);
    },
  };
}
