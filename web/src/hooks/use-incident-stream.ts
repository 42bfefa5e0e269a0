import { useEffect, useRef, useState } from "react";
import type { TimelineEntry } from "../api/incidents";
import { incidentsApi } from "../api/incidents";

export type StreamState = "connecting" | "live" | "reconnecting";

/**
 * Subscribes to an incident's live timeline (server-sent events). The browser reconnects by
 * itself after a dropped connection, resuming after the last event id; if the server refuses
 * (signed out, incident gone) we try again every few seconds from the last entry we have.
 */
export function useIncidentStream(
  ref: string | undefined,
  lastSeq: number | undefined,
  onEntries: (entries: TimelineEntry[]) => void,
): StreamState {
  const [state, setState] = useState<StreamState>("connecting");
  const handler = useRef(onEntries);
  handler.current = onEntries;
  const seq = useRef(lastSeq);
  seq.current = Math.max(seq.current ?? 0, lastSeq ?? 0);
  const ready = lastSeq !== undefined;

  useEffect(() => {
    if (!ref || !ready || typeof EventSource === "undefined") return;
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const connect = () => {
      source = new EventSource(incidentsApi.streamUrl(ref, seq.current ?? 0));
      source.onopen = () => setState("live");
      source.addEventListener("timeline", (e) => {
        const items = (JSON.parse((e as MessageEvent<string>).data) as { items: TimelineEntry[] })
          .items;
        const last = items[items.length - 1];
        if (last) seq.current = Math.max(seq.current ?? 0, last.seq);
        handler.current(items);
      });
      source.onerror = () => {
        if (stopped) return;
        setState("reconnecting");
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = setTimeout(connect, 3000);
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [ref, ready]);

  return state;
}
