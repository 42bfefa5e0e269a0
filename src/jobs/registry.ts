import { systemClock } from "../domain/clock.js";
import type { BackoffPolicy } from "./backoff.js";
import type { JobStore } from "./job.types.js";
import { isJobKind, JOB_KINDS, type JobKind } from "./job-kinds.js";
import { type JobHandler, JobWorker, type JobWorkerOptions } from "./worker.js";

/** When jobs of a kind come into being. */
export type JobSchedule =
  /** Scheduled by the use cases as things happen (a notification to send, an escalation step). */
  | { type: "on-demand" }
  /**
   * Kept scheduled by the registry: one durable chain shared by every node, `everyMs` from the
   * end of one run to the next; the very first run `firstAfterMs` after the first start.
   */
  | { type: "recurring"; everyMs: number; firstAfterMs: number; maxAttempts?: number };

/** One job kind: its handler and its schedule. */
export interface JobDefinition<P = unknown> {
  kind: JobKind;
  handler: JobHandler<P>;
  schedule: JobSchedule;
  backoff?: BackoffPolicy;
}

/** Puts a definition with a typed payload into a list of definitions of every kind. */
export function defineJob<P>(definition: JobDefinition<P>): JobDefinition {
  // Sound because the worker hands a handler only jobs of its own kind, whose payload the
  // scheduling use case wrote.
  return definition as unknown as JobDefinition;
}

/** Every job kind with its handler and schedule; complete by construction (see below). */
export interface JobRegistry {
  readonly definitions: readonly JobDefinition[];
}

/** A registry that does not cover {@link JOB_KINDS} exactly once per kind. */
export class JobRegistryError extends Error {
  constructor(readonly problems: string[]) {
    super(`job registry: ${problems.join("; ")}`);
    this.name = "JobRegistryError";
  }
}

/**
 * Checks the definitions and freezes them: every kind of {@link JOB_KINDS} must have exactly
 * one, and nothing else may be in the list (a kind cast in from elsewhere). A job scheduled
 * without a handler would otherwise wait in the table forever, unnoticed.
 */
export function createJobRegistry(definitions: readonly JobDefinition[]): JobRegistry {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const d of definitions) {
    if (!isJobKind(d.kind)) problems.push(`unknown job kind ${d.kind}`);
    else if (seen.has(d.kind)) problems.push(`${d.kind} is defined twice`);
    seen.add(d.kind);
    if (d.schedule.type === "recurring" && !(d.schedule.everyMs > 0))
      problems.push(`${d.kind} recurs every ${d.schedule.everyMs} ms`);
  }
  const missing = JOB_KINDS.filter((kind) => !seen.has(kind));
  if (missing.length > 0) problems.push(`no handler for ${missing.join(", ")}`);
  if (problems.length > 0) throw new JobRegistryError(problems);
  return Object.freeze({ definitions: Object.freeze([...definitions]) });
}

/** Registers each definition's handler (and, for a recurring kind, its interval) on a worker. */
export function registerJobs(worker: JobWorker, definitions: Iterable<JobDefinition>): void {
  for (const d of definitions)
    worker.handle(d.kind, d.handler, {
      backoff: d.backoff,
      everyMs: d.schedule.type === "recurring" ? d.schedule.everyMs : undefined,
    });
}

/**
 * Makes sure each recurring kind has its one live job, keyed by the kind, so that several nodes
 * starting at once make one chain and a restart continues the chain instead of starting another.
 * A pending run due later than one interval from now (the interval was shortened since it was
 * scheduled) is brought forward. Returns the kinds whose job this call created or moved.
 */
export async function scheduleRecurring(
  store: JobStore,
  definitions: Iterable<JobDefinition>,
  now: Date,
): Promise<JobKind[]> {
  const changed: JobKind[] = [];
  for (const { kind, schedule } of definitions) {
    if (schedule.type !== "recurring") continue;
    const job = {
      kind,
      payload: {},
      dueAt: new Date(now.getTime() + schedule.firstAfterMs),
      dedupKey: kind,
      maxAttempts: schedule.maxAttempts,
    };
    let result = await store.schedule(job, now);
    const latest = now.getTime() + schedule.everyMs;
    if (
      !result.created &&
      result.job.status === "pending" &&
      Date.parse(result.job.dueAt) > latest &&
      (await store.cancel({ id: result.job.id }, now)) > 0
    )
      result = await store.schedule(job, now);
    if (result.created) changed.push(kind);
  }
  return changed;
}

/**
 * The worker of a node, set up from the registry: every kind's handler registered, every
 * recurring job scheduled, polling started.
 */
export async function startRegistryWorker(
  registry: JobRegistry,
  options: JobWorkerOptions,
): Promise<JobWorker> {
  const worker = new JobWorker(options);
  registerJobs(worker, registry.definitions);
  const now = (options.clock ?? systemClock).now();
  await scheduleRecurring(options.store, registry.definitions, now);
  worker.start();
  return worker;
}
