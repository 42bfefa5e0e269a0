/**
 * Matching a stream of events on the pool, results in input order: events go out in batches,
 * several batches in flight at once, and come back in the order they were read, so the caller
 * can feed the correlation windows (`engine.correlate`) and write its output exactly as it would
 * on one thread. Without a pool (or before it is ready) the same generator matches inline.
 */
import type { SigmaEngine } from "../sigma/index.js";
import { batchText, matchHere, matchLines } from "./lines.js";
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
  /** The event of an item that is one event, as a JSON object. */
  event: (item: T) => Record<string, unknown>;
  /**
   * The NDJSON lines an item holds, undecoded (`InputEvent.lines`): `count` events, sent to the
   * pool as they are (a batch of their own), so this thread neither decodes nor parses them.
   */
  lines?: (item: T) => { bytes: Uint8Array; count: number } | undefined;
  /** `normalized`: `matchEvent` on the normalised event; `standalone`: `match` on the raw one. */
  mode: "normalized" | "standalone";
}

/**
 * One event's results (`correlation.ref` is the caller's to set before `correlate`): the item
 * it came in, and its position among the item's lines (0 for an item that is one event). An
 * unreadable line's text is `text`.
 */
export interface OrderedResult<T> extends PooledResult {
  item: T;
  at: number;
}

/** Items sent together, and their results (one per event, made when called) once matched. */
interface Flight<T> {
  items: T[];
  results: Promise<() => PooledResult[]>;
}

/**
 * Matches every item, inline or on the pool, and yields the results in input order, a batch at
 * a time (one await per batch, not per event).
 */
export async function* matchInOrder<T>(
  items: AsyncIterable<T> | Iterable<T>,
  opts: OrderedOptions<T>,
): AsyncGenerator<OrderedResult<T>[]> {
  const flight: Flight<T>[] = [];
  let batch: T[] = [];
  const drainOne = async () => {
    const head = flight.shift() as Flight<T>;
    // A pool that failed costs time, not results: matching is stateless, so redo the batch here.
    const results = await head.results.then(
      (r) => r(),
      () => head.items.flatMap((i) => inline(opts, i)),
    );
    return ordered(opts, head.items, results);
  };
  const usable = () => {
    const pool = opts.pool();
    return pool?.usable ? pool : undefined;
  };
  /** No pool (any more): whatever was sent or batched before is older and goes first. */
  async function* inlineFromHere(): AsyncGenerator<OrderedResult<T>[]> {
    while (flight.length > 0) yield await drainOne();
    if (batch.length > 0)
      yield ordered(
        opts,
        batch,
        batch.flatMap((i) => inline(opts, i)),
      );
    batch = [];
  }
  for await (const item of items) {
    const pool = usable();
    if (!pool) {
      yield* inlineFromHere();
      yield ordered(opts, [item], inline(opts, item));
      continue;
    }
    const lines = opts.lines?.(item);
    if (lines) {
      if (batch.length > 0) flight.push(send(pool, batch, opts));
      batch = [];
      const results = pool.matchLines({ ...lines, mode: opts.mode }).then((a) => a.results);
      // Awaited later, in order; until then a failure must not count as unhandled.
      results.catch(() => {});
      flight.push({ items: [item], results });
    } else {
      batch.push(item);
      if (batch.length < BATCH_EVENTS) continue;
      flight.push(send(pool, batch, opts));
      batch = [];
    }
    while (flight.length > pool.size * IN_FLIGHT_PER_WORKER) yield await drainOne();
  }
  const pool = usable();
  if (pool && batch.length > 0) {
    flight.push(send(pool, batch, opts));
    batch = [];
  }
  yield* inlineFromHere();
}

/** The results of `items` (one per event, in order) with their items and positions. */
function ordered<T>(
  opts: OrderedOptions<T>,
  items: T[],
  results: PooledResult[],
): OrderedResult<T>[] {
  const out = results as OrderedResult<T>[];
  let k = 0;
  for (const item of items) {
    const n = opts.lines?.(item)?.count ?? 1;
    for (let at = 0; at < n; at++) {
      const r = out[k++] as OrderedResult<T>;
      r.item = item;
      r.at = at;
    }
  }
  return out;
}

function send<T>(pool: DetectionPool, items: T[], opts: OrderedOptions<T>): Flight<T> {
  const texts = items.map((i) => JSON.stringify(opts.event(i)));
  const results = pool.match({ texts, mode: opts.mode }).then((r) => () => r);
  // Awaited later, in order; until then a failure must not count as unhandled.
  results.catch(() => {});
  return { items, results };
}

/** An item's results, matched on this thread as a worker would match them. */
function inline<T>(opts: OrderedOptions<T>, item: T): PooledResult[] {
  const lines = opts.lines?.(item);
  if (!lines) return [matchHere(opts.engine, opts.event(item), opts.mode)];
  const out: PooledResult[] = [];
  matchLines(opts.engine, batchText(lines.bytes), opts.mode, undefined, (_, r, text) =>
    out.push(r ?? { matches: [], unreadable: true, text }),
  );
  return out;
}
