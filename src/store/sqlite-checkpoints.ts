import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Database } from "better-sqlite3";

/** How often the thread copies the write-ahead log into the database file. */
const CHECKPOINT_EVERY_MS = 100;
/**
 * The writer's own checkpoint, while the thread does them: only if the thread falls far behind
 * (or stops) does a commit copy the log itself, past 10,000 pages (40 MB; SQLite's default 1,000).
 */
const WRITER_CHECKPOINT_PAGES = 10_000;
/**
 * No bulk writing for this long: checkpoints go back to the writer. On a large database a
 * checkpoint's sync can stall the writer's own appends to the log (a declaration on a 4 GB
 * database: p99 32 ms with checkpoints on the writer, 100 ms with the thread), so the thread
 * runs only while ingestion is heavy enough to gain from it.
 */
const IDLE_MS = 10_000;

/**
 * The thread: its own connection to the file, a passive checkpoint every CHECKPOINT_EVERY_MS
 * (it copies what is committed and never waits for or blocks the writer), closed on request.
 * Plain JavaScript, evaluated: it needs no loader, compiled or not.
 */
const THREAD = `
const { parentPort, workerData } = require("node:worker_threads");
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma("busy_timeout = 1000");
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
}, workerData.everyMs);
parentPort.once("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});`;

/**
 * Checkpoints of an SQLite database in WAL mode on a thread of their own, once `start`ed. By
 * default the commit that finds the log past 1,000 pages copies it into the database file and
 * syncs both, on the thread that commits: under bulk ingest, every other batch, 7 ms of the
 * server's thread per 1,000 events (docs/performance.md, "Ingest"). Started by bulk writing,
 * not at open (most processes, a CLI command or a test, never need it), and stopped once bulk
 * writing has not been seen for `idleMs`.
 */
export class SqliteCheckpoints {
  private thread: Worker | undefined;
  private exited: Promise<unknown> = Promise.resolve();
  private lastBulk = 0;
  private idleCheck: NodeJS.Timeout | undefined;

  constructor(
    private readonly sqlite: Database,
    private readonly file: string,
    private readonly idleMs = IDLE_MS,
  ) {}

  /** Bulk writing now: starts the thread if it is not running; the writer's checkpoints become a fallback. */
  start(): void {
    this.lastBulk = Date.now();
    if (this.thread) return;
    const thread = new Worker(THREAD, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve("better-sqlite3"),
        file: this.file,
        everyMs: CHECKPOINT_EVERY_MS,
      },
    });
    // A thread that fails leaves the checkpoints to the writer, as before it started.
    thread.on("error", () => {
      if (this.sqlite.open) this.sqlite.pragma("wal_autocheckpoint = 1000");
    });
    thread.unref();
    this.thread = thread;
    this.exited = new Promise((resolve) => thread.once("exit", resolve));
    this.sqlite.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
    this.idleCheck = setInterval(() => {
      if (Date.now() - this.lastBulk >= this.idleMs) void this.stop();
    }, this.idleMs).unref();
  }

  /**
   * Gives the checkpoints back to the writer and closes the thread's connection (before the
   * writer's, when the database closes, so that the last one out finishes the log).
   */
  async stop(): Promise<void> {
    clearInterval(this.idleCheck);
    const thread = this.thread;
    if (!thread) return;
    this.thread = undefined;
    if (this.sqlite.open) this.sqlite.pragma("wal_autocheckpoint = 1000");
    // Held until it has closed: unreferenced, a process with nothing else to do would end first.
    thread.ref();
    thread.postMessage("stop");
    await this.exited;
  }
}
