import type { Kysely } from "kysely";
import type { OperationsStore } from "../operations/operations.types.js";
import type { Db } from "./connect.js";
import type { Database } from "./database.js";

const counts = (rows: { key: string | null; n: number | string | bigint }[]) =>
  Object.fromEntries(rows.map((r) => [r.key ?? "", Number(r.n)]));

/** The operator's snapshot (operations/operations.types.ts), by the phase, status indexes. */
export function operationsRepo(db: Db): OperationsStore {
  const k: Kysely<Database> = db.kysely;
  return {
    async snapshot(now) {
      const [phases, jobs, oldest, failed] = await Promise.all([
        k
          .selectFrom("incidents")
          .select((eb) => ["phase as key", eb.fn.countAll<number>().as("n")])
          .groupBy("phase")
          .execute(),
        k
          .selectFrom("jobs")
          .select((eb) => ["status as key", eb.fn.countAll<number>().as("n")])
          .where("status", "in", ["pending", "running"])
          .groupBy("status")
          .execute(),
        k
          .selectFrom("jobs")
          .select((eb) => eb.fn.min("due_at").as("due"))
          .where("status", "=", "pending")
          .where("due_at", "<=", now)
          .executeTakeFirst(),
        k
          .selectFrom("notifications")
          .select((eb) => ["channel_kind as key", eb.fn.countAll<number>().as("n")])
          .where("status", "=", "failed")
          .groupBy("channel_kind")
          .execute(),
      ]);
      const jobCounts = counts(jobs);
      return {
        incidentsByPhase: counts(phases),
        jobs: { pending: jobCounts.pending ?? 0, running: jobCounts.running ?? 0 },
        oldestDueAt: (oldest?.due as string | null | undefined) ?? null,
        failedNotifications: counts(failed),
      };
    },
  };
}
