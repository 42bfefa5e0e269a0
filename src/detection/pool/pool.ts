/**
 * A pool of worker threads that parse, normalise and match events (docs/detection.md, "Threads").
 * The caller keeps its own engine, compiled from the same rule files, for two things only: to map
 * the rule indexes workers answer with back to its rules, and to run the correlation windows,
 * which it must feed in event order (`engine.correlate`) for correlations to be exactly right.
 * Batches may be in flight on every worker at once; each answer resolves its own promise, so a
 * caller that awaits them in the order it sent them gets results in input order.
 */
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import type { CorrelationInput } from "../sigma/engine.js";
import type { RuleMatch, SigmaEngine } from "../sigma/index.js";
import {
  type LineAnswer,
  type MatchReply,
  type MatchRequest,
  type PoolRules,
  type ReadRequest,
  ruleSetFingerprint,
  type WorkerReply,
} from "./protocol.js";

/**
 * For a process that exists to run one stream of events through the pool (`firebreak detect`,
 * its benchmark): stops V8 from pretenuring, process-wide. The calling thread's objects (answers,
 * items and results waiting in flight for their turn) outlive a young-generation collection or
 * two; V8 then allocates their kind straight in the old generation, which filled it and made it
 * mark the whole heap, compiled rules included, several times a second (traced: 6 full
 * collections a run of 50,000 events, none with this; the calling thread's CPU time a third
 * lower). A server, whose heap serves more than this, is left as it is.
 */
export function stopPretenuring(): void {
  setFlagsFromString("--no-allocation-site-pretenuring");
}

/** The pool could not start, or a worker failed: the caller should match on its own thread. */
export class DetectionPoolError extends Error {
  override name = "DetectionPoolError";
}

/** One event's results, as `engine.matchEvent` gives them (`correlation.ref` left undefined). */
export interface PooledResult {
  matches: RuleMatch[];
  correlation?: CorrelationInput;
  /** The event's text is not JSON: nothing was matched. */
  unreadable?: true;
  /** An unreadable line's text, when the batch went as bytes (`matchLines`). */
  text?: string;
}

/** One NDJSON line as the server reads it (`readLines`): an event comes with its results. */
export type LineRead =
  | Exclude<LineAnswer, { kind: "event" }>
  | (Extract<LineAnswer, { kind: "event" }> & { result: PooledResult });

/** NDJSON lines as read (`EventLines`): `count` JSON objects, one a line, UTF-8. */
export interface PoolLines {
  /** Copied to the worker (the caller keeps them, to match them itself should a worker fail). */
  bytes: Uint8Array;
  count: number;
  mode?: MatchRequest["mode"];
}

/** A batch to match: JSON texts of objects (no raw newline in any), and optionally their times. */
export interface PoolBatch {
  texts: string[];
  /** `normalized` (default): `matchEvent` on the normalised event; `standalone`: `match`. */
  mode?: MatchRequest["mode"];
  /** Each event's time in ms, or null for none; absent: the time each event says. */
  times?: (number | null)[];
}

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (r: MatchReply) => void; reject: (e: Error) => void }>;
}

/**
 * Where the worker's code is: next to this module, compiled (`dist/`, run by bin/firebreak.js)
 * or TypeScript (tests and `npm run bench`, under tsx or vitest), in which case the thread first
 * registers tsx's loader, which a worker does not inherit.
 */
function spawn(spec: PoolRules): Worker {
  const here = import.meta.url;
  if (here.endsWith(".js")) return new Worker(new URL("./worker.js", here), { workerData: spec });
  const boot = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
    .then(({ register }) => { register(); return import(${JSON.stringify(new URL("./worker.ts", here).href)}); });`;
  return new Worker(boot, { eval: true, workerData: spec });
}

/** Worker threads running the detection pipeline up to the correlation windows. */
export class DetectionPool {
  private seq = 0;
  private failure: Error | undefined;

  private constructor(
    private readonly threads: Thread[],
    private readonly engine: SigmaEngine,
  ) {}

  /**
   * Starts `size` workers compiling `rules` and waits until they are ready. `engine` is the
   * caller's, compiled from the same files with the same options: a worker whose rules differ
   * (files changed in between) fails the start.
   */
  static async start(size: number, rules: PoolRules, engine: SigmaEngine): Promise<DetectionPool> {
    const pool = DetectionPool.spawn(size, rules, engine);
    await pool.ready;
    return pool;
  }

  /**
   * Starts the workers without waiting: `ready` settles when they all compiled the rules (and
   * closes the pool if one could not); `close` may be called at any time.
   */
  static spawn(size: number, rules: PoolRules, engine: SigmaEngine): DetectionPool {
    if (!Number.isInteger(size) || size < 1)
      throw new DetectionPoolError(`a pool needs at least one thread (got ${size})`);
    const expected = ruleSetFingerprint({
      rules: engine.rules,
      correlations: engine.correlationRules,
    });
    const threads = Array.from({ length: size }, () => ({
      worker: spawn(rules),
      pending: new Map(),
    }));
    const pool = new DetectionPool(threads, engine);
    pool.ready = Promise.all(threads.map((t) => pool.started(t, expected))).then(
      () => {},
      async (e: unknown) => {
        await pool.close();
        throw e;
      },
    );
    // Callers that never await `ready` still see the failure through `usable`.
    pool.ready.catch(() => {});
    return pool;
  }

  /** Settles once every worker has compiled the rules. */
  ready: Promise<void> = Promise.resolve();

  /** Number of worker threads. */
  get size(): number {
    return this.threads.length;
  }

  private started(t: Thread, expected: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const early = (e: Error) => reject(new DetectionPoolError(`worker failed: ${e.message}`));
      const exited = (code: number) => reject(new DetectionPoolError(`worker exited (${code})`));
      t.worker.once("error", early);
      t.worker.once("exit", exited);
      t.worker.once("message", (m: WorkerReply) => {
        t.worker.off("error", early);
        t.worker.off("exit", exited);
        if (m.kind !== "ready") return reject(new DetectionPoolError(describe(m)));
        if (m.fingerprint !== expected)
          return reject(new DetectionPoolError("the worker's rules differ from the caller's"));
        t.worker.on("message", (r: WorkerReply) => this.answer(t, r));
        t.worker.on("error", (e) =>
          this.fail(new DetectionPoolError(`worker failed: ${e.message}`)),
        );
        t.worker.on("exit", (code) => this.fail(new DetectionPoolError(`worker exited (${code})`)));
        resolve();
      });
    });
  }

  private answer(t: Thread, r: WorkerReply): void {
    if (r.kind === "ready" || r.seq === undefined) return;
    const p = t.pending.get(r.seq);
    if (!p) return;
    t.pending.delete(r.seq);
    if (r.kind === "matched") p.resolve(r);
    else p.reject(new DetectionPoolError(describe(r)));
  }

  /** A worker is gone: every batch in flight fails, and so does every later one. */
  private fail(e: Error): void {
    this.failure ??= e;
    for (const t of this.threads) {
      for (const p of t.pending.values()) p.reject(e);
      t.pending.clear();
    }
  }

  /** Matches a batch on the least busy worker; results in the batch's order. */
  async match(batch: PoolBatch): Promise<PooledResult[]> {
    if (batch.texts.length === 0) return [];
    const times = batch.times ? Float64Array.from(batch.times, (x) => x ?? Number.NaN) : undefined;
    const reply = await this.request(batch.texts.join("\n"), batch.mode, times);
    return this.decode(reply, batch.texts.length);
  }

  /**
   * Matches NDJSON lines on the least busy worker, which decodes them: this thread makes no
   * string of them. An unreadable line's result carries its text. The answer is kept compact
   * until `results` is called: a caller that holds several batches in flight (`matchInOrder`)
   * makes each batch's result objects when it hands them on, so they die young instead of
   * outliving collections in flight, which taught V8 to allocate them in the old generation and
   * made it collect the whole heap (the caller's compiled rules) twice a second.
   */
  async matchLines(batch: PoolLines): Promise<{ results(): PooledResult[] }> {
    if (batch.count === 0) return { results: () => [] };
    const reply = await this.request(batch.bytes, batch.mode);
    return { results: () => this.decode(reply, batch.count) };
  }

  /**
   * Reads `count` NDJSON lines of a body as the server ingests them (`readLines`) on the least
   * busy worker: what each line is, and each event's entities, time and results. This thread
   * only copies their text to the worker.
   */
  async read(text: string, count: number, arrival: number): Promise<LineRead[]> {
    const reply = await this.send((seq): ReadRequest => ({ kind: "read", seq, text, arrival }));
    const results = this.decode(reply, count);
    const lines = reply.lines ?? [];
    if (lines.length !== count)
      throw new DetectionPoolError(`worker read ${lines.length} lines of ${count}`);
    return lines.map((line, i) =>
      line.kind === "event" ? { ...line, result: results[i] as PooledResult } : line,
    );
  }

  private request(
    text: string | Uint8Array,
    mode: MatchRequest["mode"] = "normalized",
    times?: Float64Array,
  ): Promise<MatchReply> {
    // A view on part of a buffer is cut out first: the message would copy all of its buffer.
    const part = typeof text !== "string" && text.byteLength !== text.buffer.byteLength;
    return this.send(
      (seq): MatchRequest => ({
        kind: "match",
        seq,
        text: part ? text.slice() : text,
        mode,
        ...(times ? { times } : {}),
      }),
      times ? [times.buffer as ArrayBuffer] : [],
    );
  }

  /** Sends the request made with the next sequence number to the least busy worker. */
  private async send(
    make: (seq: number) => MatchRequest | ReadRequest,
    transfer: ArrayBuffer[] = [],
  ): Promise<MatchReply> {
    if (this.failure) throw this.failure;
    const t = this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const req = make(this.seq++);
    return new Promise<MatchReply>((resolve, reject) => {
      t.pending.set(req.seq, { resolve, reject });
      t.worker.postMessage(req, transfer);
    });
  }

  /** False once a worker failed or the pool was closed. */
  get usable(): boolean {
    return this.failure === undefined;
  }

  private decode(r: MatchReply, count: number): PooledResult[] {
    const rules = this.engine.rules;
    const out: PooledResult[] = [];
    let k = 0;
    for (let i = 0; i < count; i++) {
      const end = r.ends[i] as number;
      const matches: RuleMatch[] = [];
      for (; k < end; k++) {
        const rule = rules[r.rules[k] as number];
        if (!rule) throw new DetectionPoolError(`worker answered unknown rule ${r.rules[k]}`);
        const explained = r.explained?.[k];
        matches.push(explained === undefined ? { rule } : { rule, matched_fields: explained });
      }
      out.push({ matches });
    }
    for (const c of r.correlations) (out[c.at] as PooledResult).correlation = c.input;
    for (let i = 0; i < r.unreadable.length; i++) {
      const result = out[r.unreadable[i] as number] as PooledResult;
      result.unreadable = true;
      const text = r.unreadableTexts?.[i];
      if (text !== undefined) result.text = text;
    }
    return out;
  }

  /** Stops every worker (batches in flight fail). */
  async close(): Promise<void> {
    this.failure ??= new DetectionPoolError("the detection pool is closed");
    for (const t of this.threads) t.worker.removeAllListeners("exit");
    this.fail(this.failure);
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

function describe(m: WorkerReply): string {
  return m.kind === "failed" ? `worker failed: ${m.message}` : `unexpected worker reply ${m.kind}`;
}
