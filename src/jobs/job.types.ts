import type { JobKind } from "./job-kinds.js";

/** Where a job is in its life. Only `pending` and `running` jobs are live. */
export type JobStatus = "pending" | "running" | "done" | "failed" | "cancelled";

export const JOB_STATUSES: readonly JobStatus[] = [
  "pending",
  "running",
  "done",
  "failed",
  "cancelled",
];

/** A durable timer or background job as the store keeps it. Times are ISO 8601 UTC text. */
export interface Job<P = unknown> {
  id: string;
  /** Selects the handler (`job-kinds.ts`); text, since a row may predate or postdate this code. */
  kind: string;
  payload: P;
  dueAt: string;
  status: JobStatus;
  /** Claims so far, including the current one while running; a crashed claim counts. */
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  lockedBy: string | null;
  lockedUntil: string | null;
  dedupKey: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** A job to store; `K` is {@link JobKind} everywhere but in the job system's own tests. */
export interface NewJob<P = unknown, K extends string = JobKind> {
  kind: K;
  /** Anything JSON can carry; keep it to ids, the handler reads current state itself. */
  payload: P;
  dueAt: Date;
  /**
   * At most one live (pending or running) job has a given key: scheduling the same key again
   * returns the existing job instead. Put the occurrence in the key for recurring timers
   * (`clock.reminder:<clock>:<deadline>`), or a running occurrence will swallow the next one.
   */
  dedupKey?: string;
  /** Claims allowed before the job is given up as `failed`; default {@link DEFAULT_MAX_ATTEMPTS}. */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

export interface ScheduleResult<P = unknown> {
  job: Job<P>;
  /** False when a live job with the same dedup key already existed (and is returned). */
  created: boolean;
}

export interface JobFilter {
  status?: JobStatus | readonly JobStatus[];
  kind?: string;
  dedupKeyPrefix?: string;
  /** At most this many, soonest due first; default 100. */
  limit?: number;
}

/** Which pending jobs to cancel: one by id, or every job whose dedup key starts with a prefix. */
export type CancelTarget = { id: string } | { dedupKeyPrefix: string };

/**
 * What the job system needs from storage. Every change to a claimed job names the claim it came
 * from (the job as `claimDue` returned it: id, `lockedBy` and `attempts`), so a worker whose lease
 * expired and was taken over cannot overwrite the newer claim's outcome.
 */
export interface JobStore<K extends string = JobKind> {
  /** Stores a pending job, or returns the live job with the same dedup key. */
  schedule<P>(job: NewJob<P, K>, now: Date): Promise<ScheduleResult<P>>;
  /** Cancels pending jobs (running ones finish; their handlers must check state); returns how many. */
  cancel(target: CancelTarget, now: Date): Promise<number>;
  /**
   * Claims up to `limit` jobs that are due (`pending`, `due_at <= now`) or whose lease expired
   * (`running`, `locked_until <= now`), oldest due first, for `leaseMs`. Each job is handed to
   * exactly one caller, across processes and nodes. An expired job that has used all its attempts
   * is marked `failed` instead of being handed out again. `kinds` limits the claim to the kinds
   * the caller can run.
   */
  claimDue(
    now: Date,
    workerId: string,
    limit: number,
    leaseMs: number,
    kinds?: readonly string[],
  ): Promise<Job[]>;
  /** Pushes the lease of a running claim to `now + leaseMs`; false when the claim was lost. */
  extendLease(claim: Job, now: Date, leaseMs: number): Promise<boolean>;
  /**
   * Marks a claim done; false when the claim was lost (another worker owns the job now). `next`
   * (a recurring job's next run) is scheduled in the same transaction, so that no crash between
   * the two writes ends the chain.
   */
  complete(claim: Job, now: Date, next?: NewJob<unknown, K>): Promise<boolean>;
  /**
   * Records a failed attempt: pending again at `retryAt`, or `failed` for good when `retryAt` is
   * undefined (then `next`, if given, is scheduled in the same transaction). False when the claim
   * was lost.
   */
  fail(
    claim: Job,
    error: string,
    now: Date,
    retryAt?: Date,
    next?: NewJob<unknown, K>,
  ): Promise<boolean>;
  get(id: string): Promise<Job | undefined>;
  list(filter?: JobFilter): Promise<Job[]>;
  /** Deletes up to `limit` finished jobs (done, failed, cancelled) that finished before `before`; returns how many. */
  purgeFinishedBefore(before: string, limit: number): Promise<number>;
}
