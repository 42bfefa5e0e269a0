import type { TimelineEntry } from "../domain/incident/model.js";

/** Reads an incident's timeline entries after a sequence number, oldest first. */
export type TimelineReader = (incidentId: string, afterSeq: number) => Promise<TimelineEntry[]>;

export type FeedListener = (entries: TimelineEntry[]) => void;

interface Subscriber {
  listener: FeedListener;
  /** The last sequence number this subscriber has seen. */
  after: number;
}

interface Watch {
  incidentId: string;
  humanId: string;
  subscribers: Set<Subscriber>;
  timer: NodeJS.Timeout | undefined;
  polling: boolean;
  /** A nudge arrived while polling: poll once more right after. */
  again: boolean;
}

export interface FeedOptions {
  /** Time between polls of a watched incident's timeline. */
  intervalMs?: number;
  /** Told about read failures (they are retried on the next tick). */
  onError?: (error: unknown) => void;
}

/**
 * New timeline entries of watched incidents, for live views. One poller per incident with at
 * least one subscriber reads the timeline table every `intervalMs`, so changes made by another
 * node or process (PostgreSQL, the CLI, the timer worker) arrive too; `nudge` polls at once when
 * this process has just changed an incident, or (on PostgreSQL) another node says it did
 * (server/timeline-listener.ts), so users see it without waiting and the timer is a fallback.
 */
export class IncidentFeed {
  readonly #read: TimelineReader;
  readonly #intervalMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #watches = new Map<string, Watch>();
  #closed = false;

  constructor(read: TimelineReader, options: FeedOptions = {}) {
    this.#read = read;
    this.#intervalMs = options.intervalMs ?? 300;
    this.#onError = options.onError ?? (() => {});
  }

  /**
   * Calls `listener` with each batch of entries after `afterSeq`, in order, until the returned
   * function is called.
   */
  subscribe(
    incident: { id: string; human_id: string },
    afterSeq: number,
    listener: FeedListener,
  ): () => void {
    if (this.#closed) throw new Error("the incident feed is closed");
    let watch = this.#watches.get(incident.id);
    if (!watch) {
      watch = {
        incidentId: incident.id,
        humanId: incident.human_id,
        subscribers: new Set(),
        timer: undefined,
        polling: false,
        again: false,
      };
      this.#watches.set(incident.id, watch);
    }
    const subscriber: Subscriber = { listener, after: afterSeq };
    watch.subscribers.add(subscriber);
    this.#schedule(watch, 0);
    const current = watch;
    return () => {
      current.subscribers.delete(subscriber);
      if (current.subscribers.size === 0) this.#stop(current);
    };
  }

  /** Polls an incident now (by id or human id) if anyone watches it. */
  nudge(ref: string): void {
    for (const watch of this.#watches.values())
      if (watch.incidentId === ref || watch.humanId === ref) {
        if (watch.polling) watch.again = true;
        else this.#schedule(watch, 0);
      }
  }

  /** Polls every watched incident now (notifications may have been missed). */
  nudgeAll(): void {
    for (const watch of this.#watches.values()) this.nudge(watch.incidentId);
  }

  /** Number of incidents being watched (for tests and diagnostics). */
  get watched(): number {
    return this.#watches.size;
  }

  close(): void {
    this.#closed = true;
    for (const watch of [...this.#watches.values()]) this.#stop(watch);
  }

  #stop(watch: Watch) {
    clearTimeout(watch.timer);
    watch.timer = undefined;
    watch.subscribers.clear();
    if (this.#watches.get(watch.incidentId) === watch) this.#watches.delete(watch.incidentId);
  }

  #schedule(watch: Watch, delay: number) {
    clearTimeout(watch.timer);
    watch.timer = setTimeout(() => void this.#poll(watch), delay);
    // A watch never keeps the process alive on its own.
    watch.timer.unref();
  }

  async #poll(watch: Watch) {
    if (watch.polling || watch.subscribers.size === 0) return;
    watch.polling = true;
    watch.again = false;
    try {
      const from = Math.min(...[...watch.subscribers].map((s) => s.after));
      const entries = await this.#read(watch.incidentId, from);
      for (const subscriber of [...watch.subscribers]) {
        const fresh = entries.filter((e) => e.seq > subscriber.after);
        if (fresh.length === 0) continue;
        subscriber.after = fresh[fresh.length - 1]?.seq ?? subscriber.after;
        try {
          subscriber.listener(fresh);
        } catch (e) {
          this.#onError(e);
        }
      }
    } catch (e) {
      this.#onError(e);
    } finally {
      watch.polling = false;
    }
    if (watch.subscribers.size > 0 && this.#watches.get(watch.incidentId) === watch)
      this.#schedule(watch, watch.again ? 0 : this.#intervalMs);
  }
}
