/**
 * Matching a stream of events on the pool, results in input order: events go out in batches,
 * several batches in flight at once, and come back in the order they were read, so the caller
 * can feed the correlation windows (`engine.correlate`) and write its output exactly as it would
 * on one thread. Without a pool (or before it is ready) the same generator matches inline.
 */
import { normalizeEvent } from "../events/normalize.js";
import type { SigmaEngine } from "../sigma/index.js";
import type { DetectionPool, PooledResult } from "./pool.js";

/** Events per batch: enough to make a message's cost negligible, few enough to keep order cheap. */
export const BATCH_EVENTS = 256;
/** Batches in flight per worker: one being matched, one waiting, so no worker idles. */
const IN_FLIGHT_PER_WORKER = 2;

export interface OrderedOptions<T> {
  /** The caller's engine: matches inline, and maps the pool's rule indexes back. */
  engine: SigmaEngine;
  /** The pool to use once it is there (asked before each batch); undefined: match inline. */
  pool: () => DetectionPool | undefined;
  /** The event of an item, as a JSON object (it may throw for an item whose text is not JSON). */
  event: (item: T) => Record<string, unknown>;
  /**
   * The item's JSON text when it has one already (an NDJSON line): sent to the pool as it is,
   * so this thread neither parses nor serialises it.
   */
  text?: (item: T) => string | undefined;
  /** `normalized`: `matchEvent` on the normalised event; `standalone`: `match` on the raw one. */
  mode: "normalized" | "standalone";
}

/** One item with its results (`correlation.ref` is the caller's to set before `correlate`). */
export interface OrderedResult<T> extends PooledResult {
  item: T;
}

/** Matches every item, inline or on the pool, and yields the results in input order. */
export async function* matchInOrder<T>(
  items: AsyncIterable<T> | Iterable<T>,
  opts: OrderedOptions<T>,
): AsyncGenerator<OrderedResult<T>> {
  const flight: { items: T[]; results: Promise<PooledResult[]> }[] = [];
  let batch: T[] = [];
  const drainOne = async function* () {
    const head = flight.shift();
    if (!head) return;
    // A pool that failed costs time, not results: matching is stateless, so redo the batch here.
    const results = await head.results.catch(() => head.items.map((i) => inline(opts, i)));
    for (let i = 0; i < head.items.length; i++)
      yield { item: head.items[i] as T, ...(results[i] as PooledResult) };
  };
  const usable = () => {
    const pool = opts.pool();
    return pool?.usable ? pool : undefined;
  };
  for await (const item of items) {
    const pool = usable();
    if (!pool) {
      // No pool yet: whatever was batched before it went away is older and goes first.
      while (flight.length > 0) yield* drainOne();
      yield { item, ...inline(opts, item) };
      continue;
    }
    batch.push(item);
    if (batch.length < BATCH_EVENTS) continue;
    flight.push(send(pool, batch, opts));
    batch = [];
    while (flight.length > pool.size * IN_FLIGHT_PER_WORKER) yield* drainOne();
  }
  const pool = usable();
  if (batch.length > 0) {
    if (pool) flight.push(send(pool, batch, opts));
    else {
      while (flight.length > 0) yield* drainOne();
      for (const item of batch) yield { item, ...inline(opts, item) };
    }
  }
  while (flight.length > 0) yield* drainOne();
}

function send<T>(
  pool: DetectionPool,
  items: T[],
  opts: OrderedOptions<T>,
): { items: T[]; results: Promise<PooledResult[]> } {
  const texts = items.map((i) => opts.text?.(i) ?? JSON.stringify(opts.event(i)));
  const results = pool.match({ texts, mode: opts.mode });
  // Awaited later, in order; until then a failure must not count as unhandled.
  results.catch(() => {});
  return { items, results };
}

function inline<T>(opts: OrderedOptions<T>, item: T): PooledResult {
  let event: Record<string, unknown>;
  try {
    event = opts.event(item);
  } catch {
    return { matches: [], unreadable: true };
  }
  return matchHere(opts.engine, event, opts.mode);
}

/** One event matched on this thread, as a worker would match it. */
export function matchHere(
  engine: SigmaEngine,
  event: Record<string, unknown>,
  mode: OrderedOptions<unknown>["mode"],
): PooledResult {
  if (mode === "standalone") return { matches: engine.match(event) };
  const n = normalizeEvent(event);
  return engine.matchEvent(n, { time: n.time ?? null });
}
