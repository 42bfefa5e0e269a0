import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { ClusterStore } from "../detection/cluster.types.js";
import type { Db } from "./connect.js";

/**
 * The first key of Firebreak's two-key advisory locks (the second is the lock name's hash); the
 * one-key locks of document.repo.ts and audit.repo.ts live in a space of their own.
 */
const CLUSTER_LOCKS = 0x46_42_43_4c; // "FBCL"

/** Coordination between nodes on one PostgreSQL database (undefined on SQLite: one process). */
export function clusterRepo(db: Db): ClusterStore | undefined {
  if (db.dialect !== "postgres") return undefined;
  return {
    // A session lock on one pooled connection, held while `work` runs on others: the work keeps
    // its own transactions (declaring an incident commits before the lock is let go).
    exclusive: (name, work) =>
      db.kysely.connection().execute(async (c) => {
        await sql`select pg_advisory_lock(${CLUSTER_LOCKS}, hashtext(${name}))`.execute(c);
        try {
          return await work();
        } finally {
          await sql`select pg_advisory_unlock(${CLUSTER_LOCKS}, hashtext(${name}))`.execute(c);
        }
      }),

    // The row is made if missing, so that there is always a row to lock: two nodes starting
    // the same group wait for each other instead of both inserting.
    updateCorrelationGroup: (correlation, group, change) =>
      db.kysely.transaction().execute(async (tx) => {
        const at = { correlation_id: correlation, group_key: hashOf(group) };
        // An upsert locks the row it finds (waiting for a node that holds it, and inserting
        // afresh if that node deleted it), so the window read here is the latest committed.
        const row = await tx
          .insertInto("correlation_windows")
          .values({ ...at, state: null, updated_at: new Date().toISOString() })
          .onConflict((oc) =>
            oc
              .columns(["correlation_id", "group_key"])
              .doUpdateSet({ updated_at: sql<string>`excluded.updated_at` }),
          )
          .returning("state")
          .executeTakeFirstOrThrow();
        const next = change(row.state ?? undefined);
        if (next === undefined)
          await tx
            .deleteFrom("correlation_windows")
            .where("correlation_id", "=", at.correlation_id)
            .where("group_key", "=", at.group_key)
            .execute();
        else
          await tx
            .updateTable("correlation_windows")
            .set({ state: next, updated_at: new Date().toISOString() })
            .where("correlation_id", "=", at.correlation_id)
            .where("group_key", "=", at.group_key)
            .execute();
      }),

    purgeCorrelationWindows: async (before) => {
      const r = await db.kysely
        .deleteFrom("correlation_windows")
        .where("updated_at", "<", before)
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

/** Group keys are JSON of arbitrary values: a fixed-size hash keeps the primary key small. */
const hashOf = (group: string) => createHash("sha256").update(group).digest("hex");
