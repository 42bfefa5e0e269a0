import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { type Clock, systemClock } from "../domain/clock.js";
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from "./backoff.js";
import type { Job, JobStore, NewJob } from "./job.types.js";

/** What a handler learns about the run it is part of. */
export interface JobContext {
  /** 1 for the first run; a run that crashed counts. */
  attempt: number;
  maxAttempts: number;
  /** No retry follows if this run throws: record the failure for people to see. */
  isLastAttempt: boolean;
  workerId: string;
  clock: Clock;
}

/** Runs one job. Throw to fail the attempt (it is retried with backoff until its last attempt). */
export type JobHandler<P = unknown> = (job: Job<P>, ctx: JobContext) => Promise<void>;

/** Thrown by a handler when retrying cannot help (bad configuration, unknown target). */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

/** The part of a pino logger the worker uses. */
export interface JobLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobWorkerOptions {
  /** Any kind: the registry (`registry.ts`), not the worker, holds the list of known kinds. */
  store: JobStore<string>;
  clock?: Clock;
  /** Unique per process; default `<hostname>:<pid>:<random>`. */
  workerId?: string;
  /** How often to look for due jobs when idle; default 1000 ms. */
  pollMs?: number;
  /** How long a claim lasts without renewal; renewed every third of it while running. */
  leaseMs?: number;
  /** Jobs run at once by this worker; default 10. */
  concurrency?: number;
  backoff?: BackoffPolicy;
  log?: JobLog;
}

/** How a kind is run besides its handler. */
export interface HandlerOptions {
  backoff?: BackoffPolicy;
  /**
   * A recurring kind: when a run ends (done, or failed for good) the next run is scheduled this
   * long after, with the kind as its dedup key, in the same transaction that records the
   * outcome. Retried attempts do not count.
   */
  everyMs?: number;
}

interface Registration extends HandlerOptions {
  handler: JobHandler;
}

const silent: JobLog = { warn: () => {}, error: () => {} };

/**
 * Polls the job store and runs due jobs with the handler registered for their kind. Several
 * workers (in one process or on several nodes) may share a store: each claim goes to one of them.
 * A job runs at most once at a time in this worker; across workers, the lease (renewed while the
 * handler runs) keeps a second copy from starting unless this process stops renewing it.
 */
export class JobWorker {
  readonly workerId: string;
  private readonly store: JobStore<string>;
  private readonly clock: Clock;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly backoff: BackoffPolicy;
  private readonly log: JobLog;
  private readonly handlers = new Map<string, Registration>();
  /** The newest claim of every job running here, by id; a re-claim replaces the token only. */
  private readonly claims = new Map<string, Job>();
  private readonly runs = new Set<Promise<void>>();
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wakeUp: (() => void) | undefined;

  constructor(options: JobWorkerOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.concurrency = options.concurrency ?? 10;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.log = options.log ?? silent;
  }

  /** Registers the handler for a kind; jobs of kinds without a handler are left for others. */
  handle<P>(kind: string, handler: JobHandler<P>, options: HandlerOptions = {}): this {
    if (this.handlers.has(kind)) throw new Error(`a handler for ${kind} is already registered`);
    if (options.everyMs !== undefined && !(options.everyMs > 0))
      throw new Error(`${kind}: a recurring job needs a positive interval`);
    this.handlers.set(kind, { ...options, handler: handler as JobHandler });
    return this;
  }

  /** Starts polling at once (so timers that fell due while stopped fire now), then every pollMs. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.runLoop();
  }

  /** Polls now instead of at the next interval, e.g. after scheduling a job due at once. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Stops polling and resolves once every running handler has finished and been recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    this.loop = undefined;
    await this.idle();
  }

  /** Resolves when no handler is running here. */
  async idle(): Promise<void> {
    while (this.runs.size > 0) await Promise.allSettled([...this.runs]);
  }

  /**
   * One poll: claims due jobs up to the free capacity and starts them. Resolves with how many it
   * started, before they finish. `start()` calls it in a loop; tests may call it directly.
   */
  async poll(): Promise<number> {
    const free = this.concurrency - this.claims.size;
    if (free <= 0 || this.handlers.size === 0) return 0;
    const claimed = await this.store.claimDue(this.clock.now(), this.workerId, free, this.leaseMs, [
      ...this.handlers.keys(),
    ]);
    let started = 0;
    for (const job of claimed) {
      if (this.claims.has(job.id)) {
        // Our own lease ran out while the handler was still busy and we claimed the job again:
        // keep the one run going and let it finish under the newer claim.
        this.claims.set(job.id, job);
        continue;
      }
      this.claims.set(job.id, job);
      const run = this.run(job).finally(() => {
        const wasFull = this.claims.size >= this.concurrency;
        this.runs.delete(run);
        this.claims.delete(job.id);
        // A full worker stopped claiming; now there is room, due jobs should not wait a poll.
        if (wasFull) this.wake();
      });
      this.runs.add(run);
      started++;
    }
    return started;
  }

  private async runLoop(): Promise<void> {
    while (!this.stopping) {
      let started = 0;
      try {
        started = await this.poll();
      } catch (e) {
        this.log.error({ err: e, workerId: this.workerId }, "job poll failed");
      }
      if (this.stopping) break;
      // Something was due, so more may be: look again at once while there is room.
      if (started > 0 && this.claims.size < this.concurrency) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  private async run(job: Job): Promise<void> {
    const registration = this.handlers.get(job.kind) as Registration;
    const claim = () => this.claims.get(job.id) ?? job;
    const renewal = setInterval(
      () => {
        this.store.extendLease(claim(), this.clock.now(), this.leaseMs).then(
          (held) => {
            if (!held)
              this.log.warn({ job: job.id, kind: job.kind }, "job lease lost while running");
          },
          (e) => this.log.warn({ err: e, job: job.id }, "job lease renewal failed"),
        );
      },
      Math.max(10, Math.floor(this.leaseMs / 3)),
    );
    renewal.unref();
    const ctx: JobContext = {
      attempt: job.attempts,
      maxAttempts: job.maxAttempts,
      isLastAttempt: job.attempts >= job.maxAttempts,
      workerId: this.workerId,
      clock: this.clock,
    };
    let failure: unknown;
    let failed = false;
    try {
      await registration.handler(job, ctx);
    } catch (e) {
      failed = true;
      failure = e;
    } finally {
      clearInterval(renewal);
    }
    try {
      const now = this.clock.now();
      const next = nextRun(job, registration, now);
      let recorded: boolean;
      if (!failed) {
        recorded = await this.store.complete(claim(), now, next);
      } else {
        const retry = !(failure instanceof PermanentJobError) && !ctx.isLastAttempt;
        const delay = backoffDelay(job.attempts, registration.backoff ?? this.backoff);
        const retryAt = retry ? new Date(now.getTime() + delay) : undefined;
        recorded = await this.store.fail(claim(), errorText(failure), now, retryAt, next);
        this.log.warn(
          { err: failure, job: job.id, kind: job.kind, attempt: job.attempts, retryAt },
          retry ? "job attempt failed; will retry" : "job failed for good",
        );
      }
      if (!recorded)
        this.log.warn({ job: job.id, kind: job.kind }, "job outcome not recorded: lease lost");
    } catch (e) {
      // The database is unreachable: the lease will expire and the job run again elsewhere.
      this.log.error({ err: e, job: job.id, kind: job.kind }, "could not record job outcome");
    }
  }
}

/**
 * A recurring job's next run, keyed by its kind as `scheduleRecurring` keys the first, so that
 * one chain stays one (a run left over from an older key merges into it instead of going on).
 */
function nextRun(
  job: Job,
  registration: Registration,
  now: Date,
): NewJob<unknown, string> | undefined {
  if (registration.everyMs === undefined) return undefined;
  return {
    kind: job.kind,
    payload: job.payload,
    dueAt: new Date(now.getTime() + registration.everyMs),
    dedupKey: job.kind,
    maxAttempts: job.maxAttempts,
  };
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}
