/**
 * The pool for one stream of events (`firebreak detect`): the workers start compiling the rules
 * at once, beside the caller's own compilation, but are only waited for and used once the stream
 * has proved long enough to repay them; a short input is matched inline and never waits.
 */
import type { SigmaEngine } from "../sigma/index.js";
import { DetectionPool } from "./pool.js";
import type { PoolRules } from "./protocol.js";

/** Events matched inline before the stream waits for the workers (docs/detection.md, "Threads"). */
export const POOL_AFTER_EVENTS = 4096;

export class LazyPool {
  private count = 0;
  private readonly spawned: DetectionPool | undefined;
  private inUse = false;

  /** Starts `size` workers (none for a size below 2: one thread is the caller's). */
  constructor(
    size: number,
    rules: PoolRules,
    engine: SigmaEngine,
    private readonly warn: (message: string) => void,
  ) {
    if (size < 2) return;
    try {
      this.spawned = DetectionPool.spawn(size, rules, engine);
    } catch (e) {
      warn(`detection threads unavailable (${(e as Error).message})`);
    }
  }

  /** Counts `n` events read; on passing the threshold, waits for the workers to be ready. */
  async seen(n = 1): Promise<void> {
    const before = this.count;
    this.count += n;
    if (before >= POOL_AFTER_EVENTS || this.count < POOL_AFTER_EVENTS || !this.spawned) return;
    try {
      await this.spawned.ready;
      this.inUse = true;
    } catch (e) {
      this.warn(`detection threads unavailable (${(e as Error).message})`);
    }
  }

  /** The pool once the stream uses it. */
  get pool(): DetectionPool | undefined {
    return this.inUse ? this.spawned : undefined;
  }

  /** Threads that matched events: the workers once used, else the caller's one. */
  get threads(): number {
    return this.inUse && this.spawned ? this.spawned.size : 1;
  }

  /** Stops the workers, ready or not. */
  async close(): Promise<void> {
    await this.spawned?.close();
  }
}
