/**
 * In-process serialisation by key, with a cap on how many keys run at once.
 *
 * Why in the store: a change to an incident holds a database transaction (PostgreSQL) while the
 * use case computes the change, and that computation reads other tables through the pool. If
 * every waiter for the same incident held a pooled connection while blocked on the row lock, or
 * if as many incidents as the pool has connections were being changed at once, the lock holder
 * could wait forever for a connection to read with. Waiting here costs no connection.
 * Taking a key again inside its own `fn` would wait for itself forever, so it throws instead.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface KeyedLock {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export function keyedLock(maxConcurrent: number): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  let running = 0;
  const slotWaiters: (() => void)[] = [];
  const held = new AsyncLocalStorage<ReadonlySet<string>>();

  const takeSlot = async () => {
    if (running < maxConcurrent) {
      running++;
      return;
    }
    // The releasing run hands its slot over directly, so `running` stays counted.
    await new Promise<void>((resolve) => slotWaiters.push(resolve));
  };
  const releaseSlot = () => {
    const next = slotWaiters.shift();
    if (next) next();
    else running--;
  };

  return {
    async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const outer = held.getStore() ?? new Set<string>();
      if (outer.has(key)) throw new Error(`lock ${key} taken again inside itself`);
      const before = tails.get(key) ?? Promise.resolve();
      let done!: () => void;
      const mine = new Promise<void>((resolve) => {
        done = resolve;
      });
      const tail = before.then(() => mine);
      tails.set(key, tail);
      try {
        await before;
        // A run inside another already counts: waiting for a slot there could wait for itself.
        const counted = outer.size === 0;
        if (counted) await takeSlot();
        try {
          return await held.run(new Set([...outer, key]), fn);
        } finally {
          if (counted) releaseSlot();
        }
      } finally {
        done();
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}
