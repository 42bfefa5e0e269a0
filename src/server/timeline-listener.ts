import pg from "pg";
import {
  readTimelineNotice,
  TIMELINE_CHANNEL,
  type TimelineNotice,
} from "../store/timeline-notify.js";

/** Waits between reconnection attempts after the listening connection dropped. */
const RETRY_MS = [250, 1000, 5000];

export interface TimelineListenerOptions {
  /** A new entry was recorded (by any node on the database). */
  onNotice: (notice: TimelineNotice) => void;
  /** Listening (re)started: notifications sent while it was down are lost, so read everything. */
  onListening?: () => void;
  /** Told about connection failures (listening is retried). */
  onError?: (error: unknown) => void;
}

/**
 * Listens on one dedicated PostgreSQL connection (outside the pool: a pooled connection would be
 * handed to queries) for the timeline notifications every node sends on commit
 * (store/timeline-notify.ts), and reconnects when the connection drops. The returned function
 * stops it.
 */
export function listenTimeline(url: string, options: TimelineListenerOptions): () => Promise<void> {
  const onError = options.onError ?? (() => {});
  let client: pg.Client | undefined;
  let closed = false;
  let attempt = 0;
  let retry: NodeJS.Timeout | undefined;

  const again = () => {
    if (closed || retry) return;
    const wait = RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)];
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, wait);
    retry.unref();
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    client = c;
    c.on("notification", (n) => {
      if (n.channel !== TIMELINE_CHANNEL) return;
      const notice = readTimelineNotice(n.payload);
      if (notice) options.onNotice(notice);
    });
    c.on("end", () => {
      if (client === c) again();
    });
    c.on("error", (e) => {
      onError(e);
      void c.end().catch(() => {});
      again();
    });
    try {
      await c.connect();
      await c.query(`listen ${TIMELINE_CHANNEL}`);
      if (closed) return void (await c.end());
      attempt = 0;
      options.onListening?.();
    } catch (e) {
      onError(e);
      void c.end().catch(() => {});
      again();
    }
  };

  void connect();
  return async () => {
    closed = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
