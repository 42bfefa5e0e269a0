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
  };
}
