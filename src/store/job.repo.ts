import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import { invalidInput } from "../domain/errors.js";
import { newRowId } from "../domain/row-id.js";
import {
  DEFAULT_MAX_ATTEMPTS,
  type Job,
  type JobStatus,
  type JobStore,
  type NewJob,
  type ScheduleResult,
} from "../jobs/job.types.js";
import type { JobKind } from "../jobs/job-kinds.js";
import type { Db, DialectName } from "./connect.js";
import type { Database } from "./database.js";
import type { JobsTable } from "./tables/jobs.js";

const LIVE: JobStatus[] = ["pending", "running"];
const FINISHED: JobStatus[] = ["done", "failed", "cancelled"];
/** Error texts are kept for people to read, not as logs; a stack trace of 100 kB helps nobody. */
const MAX_ERROR_LENGTH = 2000;

function toJob(row: JobsTable): Job {
  return {
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload),
    dueAt: row.due_at,
    status: row.status as JobStatus,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    lastError: row.last_error,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    dedupKey: row.dedup_key,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** The claim a worker holds: a job row is only changed by the claim that still owns it. */
function ownedBy(claim: Job) {
  return (eb: ExpressionBuilder<Database, "jobs">) =>
    eb.and([
      eb("id", "=", claim.id),
      eb("status", "=", "running"),
      eb("locked_by", "=", claim.lockedBy),
      eb("attempts", "=", claim.attempts),
    ]);
}

/**
 * "Starts with" as a range, so that the `(status, dedup_key)` index serves it (migration 0028):
 * every key that starts with `prefix` sorts at or after it and before the prefix with its last
 * character moved one on. That holds in code point order, which is SQLite's BINARY order and
 * PostgreSQL's "C" collation, named here as in the index.
 */
function startsWith(prefix: string, dialect: DialectName) {
  const chars = [...prefix];
  const last = chars.pop()?.codePointAt(0);
  if (last === undefined || last === 0x10ffff)
    throw invalidInput(`no dedup key range starts with ${JSON.stringify(prefix)}`);
  // The successor skips the surrogate block, which UTF-8 cannot encode.
  const upper = chars.join("") + String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1);
  const key =
    dialect === "postgres"
      ? sql<string>`${sql.ref("dedup_key")} collate "C"`
      : sql.ref("dedup_key");
  return (eb: ExpressionBuilder<Database, "jobs">) =>
    eb.and([eb(key, ">=", prefix), eb(key, "<", upper)]);
}

/** The row of a new pending job. */
function newRow(job: NewJob<unknown, string>, now: Date): JobsTable {
  const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw invalidInput(`maxAttempts must be a whole number of at least 1, not ${maxAttempts}`);
  return {
    id: newRowId(),
    kind: job.kind,
    payload: JSON.stringify(job.payload ?? null),
    due_at: job.dueAt.toISOString(),
    status: "pending",
    attempts: 0,
    max_attempts: maxAttempts,
    last_error: null,
    locked_by: null,
    locked_until: null,
    dedup_key: job.dedupKey ?? null,
    created_at: now.toISOString(),
    finished_at: null,
  };
}

/**
 * Changes a claimed job and, when the change applied and `next` is given, stores `next` in the
 * same transaction (a live job with its dedup key already there makes that a no-op).
 */
async function settle(
  k: Kysely<Database>,
  claim: Job,
  set: Partial<JobsTable>,
  now: Date,
  next: NewJob<unknown, string> | undefined,
): Promise<boolean> {
  const apply = async (tx: Kysely<Database>) => {
    const result = await tx.updateTable("jobs").set(set).where(ownedBy(claim)).executeTakeFirst();
    const applied = Number(result.numUpdatedRows) > 0;
    if (applied && next)
      await tx
        .insertInto("jobs")
        .values(newRow(next, now))
        .onConflict((oc) => oc.doNothing())
        .execute();
    return applied;
  };
  return next ? k.transaction().execute(apply) : apply(k);
}

/** The job store; `K` widens the kinds it takes for the job system's own tests. */
export function jobRepo<K extends string = JobKind>(db: Db): JobStore<K> {
  const k = db.kysely;
  return {
    async schedule<P>(job: NewJob<P, K>, now: Date) {
      const row = newRow(job, now);
      // The partial unique index decides, not a read before the write: two nodes scheduling the
      // same key at once get one row. The loop covers the live job finishing between our insert
      // and our read.
      for (let tries = 0; tries < 5; tries++) {
        const inserted = await k
          .insertInto("jobs")
          .values(row)
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        if (inserted) return { job: toJob(inserted), created: true } as ScheduleResult<P>;
        if (row.dedup_key === null) break;
        const live = await k
          .selectFrom("jobs")
          .selectAll()
          .where("dedup_key", "=", row.dedup_key)
          .where("status", "in", LIVE)
          .executeTakeFirst();
        if (live) return { job: toJob(live), created: false } as ScheduleResult<P>;
      }
      throw new Error(`could not schedule job ${job.kind} (${row.dedup_key ?? row.id})`);
    },

    async cancel(target, now) {
      if ("dedupKeyPrefix" in target && target.dedupKeyPrefix === "")
        throw invalidInput("refusing to cancel by an empty dedup key prefix");
      const result = await k
        .updateTable("jobs")
        .set({ status: "cancelled", finished_at: now.toISOString() })
        .where("status", "=", "pending")
        .where(
          "id" in target
            ? (eb) => eb("id", "=", target.id)
            : startsWith(target.dedupKeyPrefix, db.dialect),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async claimDue(now, workerId, limit, leaseMs, kinds) {
      if (limit < 1 || (kinds && kinds.length === 0)) return [];
      const at = now.toISOString();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      return k.transaction().execute(async (tx) => {
        // On PostgreSQL the row locks make the claim exclusive: a second node's SELECT skips the
        // rows this transaction holds instead of waiting for them and claiming them after us.
        // SQLite serialises writers; the status guard on the UPDATE covers it there.
        const candidates = await tx
          .selectFrom("jobs")
          .select(["id", "status", "attempts", "max_attempts"])
          .where((eb) =>
            eb.or([
              eb.and([eb("status", "=", "pending"), eb("due_at", "<=", at)]),
              eb.and([eb("status", "=", "running"), eb("locked_until", "<=", at)]),
            ]),
          )
          .$if(kinds !== undefined, (q) => q.where("kind", "in", kinds as string[]))
          .orderBy("due_at")
          .orderBy("id")
          .limit(limit)
          .$if(db.dialect === "postgres", (q) => q.forUpdate().skipLocked())
          .execute();
        const exhausted = candidates.filter(
          (c) => c.status === "running" && Number(c.attempts) >= Number(c.max_attempts),
        );
        const claimable = candidates.filter((c) => !exhausted.includes(c));
        if (exhausted.length > 0) {
          // A worker died (or lost the database) on the last attempt: give up visibly.
          await tx
            .updateTable("jobs")
            .set((eb) => ({
              status: "failed",
              finished_at: at,
              locked_until: null,
              last_error: eb.fn.coalesce(
                "last_error",
                eb.val("lease expired: the worker stopped during the last attempt"),
              ),
            }))
            .where(
              "id",
              "in",
              exhausted.map((c) => c.id),
            )
            .where("status", "=", "running")
            .where("locked_until", "<=", at)
            .execute();
        }
        if (claimable.length === 0) return [];
        const rows = await tx
          .updateTable("jobs")
          .set((eb) => ({
            status: "running",
            locked_by: workerId,
            locked_until: until,
            attempts: eb("attempts", "+", 1),
          }))
          .where(
            "id",
            "in",
            claimable.map((c) => c.id),
          )
          .where((eb) =>
            eb.or([
              eb.and([eb("status", "=", "pending"), eb("due_at", "<=", at)]),
              eb.and([eb("status", "=", "running"), eb("locked_until", "<=", at)]),
            ]),
          )
          .returningAll()
          .execute();
        return rows.map(toJob).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
      });
    },

    async extendLease(claim, now, leaseMs) {
      const result = await k
        .updateTable("jobs")
        .set({ locked_until: new Date(now.getTime() + leaseMs).toISOString() })
        .where(ownedBy(claim))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    complete(claim, now, next) {
      const done = { status: "done", finished_at: now.toISOString(), locked_until: null };
      return settle(k, claim, done, now, next);
    },

    fail(claim, error, now, retryAt, next) {
      const last_error = error.slice(0, MAX_ERROR_LENGTH);
      if (retryAt)
        return settle(
          k,
          claim,
          {
            status: "pending",
            due_at: retryAt.toISOString(),
            last_error,
            locked_by: null,
            locked_until: null,
          },
          now,
          undefined,
        );
      const failed = {
        status: "failed",
        finished_at: now.toISOString(),
        last_error,
        locked_until: null,
      };
      return settle(k, claim, failed, now, next);
    },

    async get(id) {
      const row = await k.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toJob(row) : undefined;
    },

    async list(filter = {}) {
      const statuses =
        filter.status === undefined
          ? undefined
          : typeof filter.status === "string"
            ? [filter.status]
            : [...filter.status];
      const rows = await k
        .selectFrom("jobs")
        .selectAll()
        .$if(statuses !== undefined, (q) => q.where("status", "in", statuses as JobStatus[]))
        .$if(filter.kind !== undefined, (q) => q.where("kind", "=", filter.kind as string))
        .$if(Boolean(filter.dedupKeyPrefix), (q) =>
          q.where(startsWith(filter.dedupKeyPrefix as string, db.dialect)),
        )
        .orderBy("due_at")
        .orderBy("created_at")
        .limit(filter.limit ?? 100)
        .execute();
      return rows.map(toJob);
    },

    async purgeFinishedBefore(before, limit) {
      // The ids first (by the finished_at index), then the delete by id: neither dialect has a
      // portable DELETE … LIMIT. Live jobs have no finished_at, so they are never selected.
      const ids = await k
        .selectFrom("jobs")
        .select("id")
        .where("finished_at", "<", before)
        .orderBy("finished_at")
        .limit(limit)
        .execute();
      if (ids.length === 0) return 0;
      const result = await k
        .deleteFrom("jobs")
        .where(
          "id",
          "in",
          ids.map((r) => r.id),
        )
        .where("status", "in", FINISHED)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
