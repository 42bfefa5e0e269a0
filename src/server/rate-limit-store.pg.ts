import { type Kysely, sql } from "kysely";
import type { Database } from "../store/database.js";
import { RATE_LIMIT_WINDOW_MS, type RateLimitStore } from "./rate-limit-store.js";

/**
 * The counters on PostgreSQL, shared by every node of a cluster (table `rate_limit_counters`,
 * migration 0031). One statement per request: the row of (key, minute) is inserted or, when
 * another request made it first, incremented under its row lock, so concurrent requests on any
 * node each see a distinct count and exactly `limit` of them are at or under the limit.
 *
 * The minute is the database's (`now()`), not the node's: a node whose clock is off counts in
 * the same window as the others instead of opening a fresh one.
 */
export function postgresRateLimitStore(db: Kysely<Database>): RateLimitStore {
  const windowSeconds = RATE_LIMIT_WINDOW_MS / 1000;
  let purgedBefore = 0;
  return {
    async hit(key) {
      const { rows } = await sql<{ count: number; minute: number; reset_in_ms: number }>`
        insert into rate_limit_counters as c (key, minute, count)
        values (${key}, floor(extract(epoch from now()) / ${windowSeconds})::integer, 1)
        on conflict (key, minute) do update set count = c.count + 1
        returning c.count, c.minute,
          ceil(${RATE_LIMIT_WINDOW_MS} - mod(extract(epoch from now()) * 1000, ${RATE_LIMIT_WINDOW_MS}))::integer
            as reset_in_ms`.execute(db);
      const row = rows[0] as { count: number; minute: number; reset_in_ms: number };
      // Ended windows go on the fly, once a minute per node (whichever node comes first wins;
      // the others delete nothing). Not awaited: the request does not wait for the clean-up,
      // and a failed one is tried again with the next request.
      if (row.minute > purgedBefore) {
        purgedBefore = row.minute;
        sql`delete from rate_limit_counters where minute < ${row.minute}`.execute(db).catch(() => {
          purgedBefore = 0;
        });
      }
      return { count: row.count, resetInMs: Math.max(1, row.reset_in_ms) };
    },
  };
}
