import type { Config } from "../config.js";
import type { DocumentStore } from "../documents/document.types.js";
import type { ResponseDeps } from "../response/deps.js";
import type {
  AlertSighting,
  AlertStore,
  EventStore,
  IntegrationStore,
  SightingResult,
  StoredEvent,
  SuppressionStore,
} from "./alert.types.js";
import { type BodyLines, linesText } from "./batch-reader.js";
import type { ClusterStore } from "./cluster.types.js";
import { cachedDocuments } from "./document-cache.js";
import type { NormalizedEvent } from "./events/index.js";
import { DeclarationWindows } from "./policy/window.js";
import { readLines } from "./pool/lines.js";
import { BATCH_EVENTS } from "./pool/ordered.js";
import { DetectionPool, type LineRead, type PooledResult } from "./pool/pool.js";
import { compileDetectionRules, type DetectionRules } from "./rules.js";

/**
 * Batches smaller than this are matched on the calling thread: a request of a few events would
 * wait longer for the hand-over to a worker (which parses and normalises them again) than for
 * the match itself.
 */
export const POOLED_MIN_EVENTS = 64;

/** One event of a batch to match: its normalised form, its time, and its JSON text if read. */
export interface EventToMatch {
  event: NormalizedEvent;
  /** The time correlation windows use (ms), or null for none. */
  time: number | null;
  /** The event's own JSON text (an NDJSON line): sent to a worker as it is. */
  text?: string | undefined;
}

/** How long a deferred alert repeat may wait to be counted (`EventStore.flushRepeats`). */
export const REPEAT_FLUSH_MS = 1000;

/** A place in the order batches are correlated in (`Detection.turn`). */
export interface Turn {
  /** Settles once every batch that took its turn earlier has released it. */
  ready: Promise<void>;
  release(): void;
}

/** The stores detection works on. */
export interface DetectionStores {
  events: EventStore;
  alerts: AlertStore;
  integrations: IntegrationStore;
  suppressions: SuppressionStore;
  /** Present on PostgreSQL: windows and declarations shared by every node on the database. */
  cluster?: ClusterStore | undefined;
}

/**
 * The detection pipeline's long-lived state in one process: its stores, the Sigma rules
 * (compiled once, on first use or at `serve` start), the declaration windows, and the lock that
 * makes declaration decisions one at a time (two batches about the same host must not both
 * declare an incident).
 */
export class Detection implements DetectionStores {
  readonly events: EventStore;
  readonly alerts: AlertStore;
  readonly integrations: IntegrationStore;
  readonly suppressions: SuppressionStore;
  readonly cluster: ClusterStore | undefined;
  readonly windows = new DeclarationWindows();
  private compiled: DetectionRules | undefined;
  private documentCache: { store: DocumentStore; cached: DocumentStore } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private turns: Promise<void> = Promise.resolve();
  /** The worker threads: spawned on the first batch big enough, used once they are ready. */
  private pool: DetectionPool | undefined;
  private poolReady = false;
  private poolTried = false;
  private poolWarned = false;
  private repeatTimer: NodeJS.Timeout | undefined;

  constructor(
    stores: DetectionStores,
    private readonly config: Pick<Config, "library" | "rules" | "detectionThreads">,
  ) {
    this.events = stores.events;
    this.alerts = stores.alerts;
    this.integrations = stores.integrations;
    this.suppressions = stores.suppressions;
    this.cluster = stores.cluster;
  }

  /** The compiled rules; compiles them on first call. */
  rules(): DetectionRules {
    this.compiled ??= compileDetectionRules(this.config);
    return this.compiled;
  }

  /** The documents in force, reused for a second (see `cachedDocuments`). */
  documents(store: DocumentStore): DocumentStore {
    if (store === this.documentCache?.cached) return store;
    if (this.documentCache?.store !== store)
      this.documentCache = { store, cached: cachedDocuments(store) };
    return this.documentCache.cached;
  }

  /**
   * Each event's standalone matches and correlation input (`SigmaEngine.matchEvent`), in the
   * batch's order: on the worker threads (FIREBREAK_DETECTION_THREADS) when they are ready and
   * the batch is big enough, else on this thread. Stateless, so a batch a worker failed is
   * matched again here; the correlation windows are the caller's to feed, in order (`turn`).
   */
  async match(batch: EventToMatch[]): Promise<PooledResult[]> {
    const { engine } = this.rules();
    const here = (b: EventToMatch) => engine.matchEvent(b.event, { time: b.time });
    const pool = batch.length >= POOLED_MIN_EVENTS ? this.threads() : undefined;
    if (!pool) return batch.map(here);
    return this.inParts(
      pool,
      batch.length,
      (from, to) => {
        const part = batch.slice(from, to);
        return pool
          .match({
            texts: part.map((b) => b.text ?? JSON.stringify(b.event.raw)),
            times: part.map((b) => b.time),
          })
          .then((results) =>
            // A text the worker could not read (it was read here) is matched here.
            results.map((r, i) => (r.unreadable ? here(part[i] as EventToMatch) : r)),
          );
      },
      (from, to) => batch.slice(from, to).map(here),
    );
  }

  /**
   * An NDJSON body's lines read and matched on the worker threads as the server ingests them
   * (`readLines`; events without a time of their own at `arrival`, ms), in order; lines a worker
   * failed on are read here. Undefined, with nothing sent, when the body has fewer lines than a
   * pooled batch or no thread is ready: the caller then reads the body itself (`readBatch`).
   */
  matchLines(body: BodyLines, arrival: number): Promise<LineRead[]> | undefined {
    const count = body.starts.length;
    const pool = count >= POOLED_MIN_EVENTS ? this.threads() : undefined;
    if (!pool) return undefined;
    const { engine } = this.rules();
    return this.inParts(
      pool,
      count,
      (from, to) => pool.read(linesText(body, from, to), to - from, arrival),
      (from, to) => {
        const out: LineRead[] = [];
        readLines(engine, linesText(body, from, to), arrival, (_, line) => out.push(line));
        return out;
      },
    );
  }

  /**
   * Results for `count` items, sent to the workers in parts, one per worker (none under
   * BATCH_EVENTS) so that a big request uses every core; a part a worker failed on is done here.
   */
  private async inParts<T>(
    pool: DetectionPool,
    count: number,
    send: (from: number, to: number) => Promise<T[]>,
    here: (from: number, to: number) => T[],
  ): Promise<T[]> {
    const size = Math.max(BATCH_EVENTS, Math.ceil(count / pool.size));
    const parts: Promise<T[]>[] = [];
    for (let from = 0; from < count; from += size) {
      const to = Math.min(count, from + size);
      parts.push(
        send(from, to).catch((e: unknown) => {
          this.poolFailed(e);
          return here(from, to);
        }),
      );
    }
    return (await Promise.all(parts)).flat();
  }

  /**
   * Starts the worker threads (once; later calls wait for the same start) and resolves to the
   * number matching events once they are ready: 0 when there are none or they could not start.
   * Ingestion calls it on its first batch big enough and matches inline until it resolves.
   */
  async startThreads(): Promise<number> {
    if (!this.poolTried && this.config.detectionThreads >= 1) {
      this.poolTried = true;
      const compiled = this.rules();
      try {
        this.pool = DetectionPool.spawn(
          this.config.detectionThreads,
          { paths: compiled.folders },
          compiled.engine,
        );
      } catch (e) {
        this.poolFailed(e);
      }
    }
    const pool = this.pool;
    if (!pool) return 0;
    try {
      await pool.ready;
    } catch (e) {
      this.poolFailed(e);
      return 0;
    }
    if (this.pool !== pool || !pool.usable) return 0;
    this.poolReady = true;
    return pool.size;
  }

  /** The ready worker threads, starting them on first call; undefined while there are none. */
  private threads(): DetectionPool | undefined {
    if (this.poolReady && this.pool?.usable) return this.pool;
    if (!this.poolTried) void this.startThreads();
    return undefined;
  }

  /** The threads could not start or a worker failed: matching goes on on this thread. */
  private poolFailed(e: unknown): void {
    const pool = this.pool;
    this.pool = undefined;
    this.poolReady = false;
    void pool?.close();
    // Once per process (a pool that failed is not started again), and not for closing it.
    if (this.poolWarned) return;
    this.poolWarned = true;
    process.emitWarning(
      `detection threads stopped, matching on the server's thread: ${e instanceof Error ? e.message : String(e)}`,
      "DetectionPoolWarning",
    );
  }

  /**
   * Takes the next place in the order batches are correlated in. A batch takes it before its
   * events go to the worker threads, and feeds the windows once `ready`: batches whose matching
   * finishes out of order still reach the windows in the order they came.
   */
  turn(): Turn {
    const previous = this.turns;
    let release = () => {};
    this.turns = new Promise((resolve) => {
      release = resolve;
    });
    return { ready: previous, release };
  }

  /**
   * Stores a batch's events with the alerts they raised (`EventStore.storeBatch`). Repeats of
   * settled alerts are journaled with the events and counted into their alerts within
   * `REPEAT_FLUSH_MS`, many batches at once; reads of alerts on this process count them first.
   */
  async store(
    events: StoredEvent[],
    sightings: AlertSighting[],
    now: string,
  ): Promise<SightingResult[]> {
    const results = await this.events.storeBatch(events, sightings, now);
    if (this.events.repeatsPending) this.flushRepeatsSoon();
    return results;
  }

  /** Counts the deferred repeats; a failure is reported and left to the next flush. */
  private async flushRepeats(): Promise<void> {
    clearTimeout(this.repeatTimer);
    this.repeatTimer = undefined;
    try {
      await this.events.flushRepeats();
    } catch (e) {
      process.emitWarning(
        `alert repeats not counted yet: ${e instanceof Error ? e.message : String(e)}`,
        "AlertRepeatsWarning",
      );
      if (this.events.repeatsPending) this.flushRepeatsSoon();
    }
  }

  private flushRepeatsSoon(): void {
    this.repeatTimer ??= setTimeout(() => void this.flushRepeats(), REPEAT_FLUSH_MS).unref();
  }

  /** Counts the deferred repeats and stops the worker threads. */
  async close(): Promise<void> {
    if (this.events.repeatsPending) await this.flushRepeats();
    clearTimeout(this.repeatTimer);
    this.poolTried = true;
    this.poolWarned = true;
    const pool = this.pool;
    this.pool = undefined;
    this.poolReady = false;
    await pool?.close();
  }

  /** Runs `work` after every earlier serial work has finished (a process-wide mutex). */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** What detection use cases take: the response deps (to declare incidents) and detection. */
export interface DetectionDeps extends ResponseDeps {
  detection: Detection;
  config: Config;
}

/** The deps with the detection pipeline's cached view of the documents in force. */
export function pipelineDeps<D extends DetectionDeps>(deps: D): D {
  return { ...deps, documents: deps.detection.documents(deps.documents) };
}
