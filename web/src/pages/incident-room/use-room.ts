import { useCallback, useEffect, useRef } from "react";
import type { IncidentDetail, Task, TimelineEntry } from "../../api/incidents";
import { incidentsApi } from "../../api/incidents";
import { type StreamState, useIncidentStream } from "../../hooks/use-incident-stream";
import { useResource } from "../../hooks/use-resource";

export interface RoomData {
  incident: IncidentDetail;
  tasks: Task[];
  timeline: TimelineEntry[];
}

export interface Room {
  data: RoomData | undefined;
  error: unknown;
  loading: boolean;
  live: StreamState;
  /**
   * Reads the incident, its tasks and any newer timeline entries again (after a change, or when
   * someone else changed it), so the room is right even while the live stream is down.
   */
  refresh: () => Promise<void>;
  /** Puts a task the server returned in place, before the refresh arrives. */
  replaceTask: (task: Task) => void;
}

/** Entries merged by sequence number: the live stream and our own reloads may overlap. */
function mergeTimeline(current: TimelineEntry[], incoming: TimelineEntry[]): TimelineEntry[] {
  const bySeq = new Map(current.map((e) => [e.seq, e]));
  for (const e of incoming) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * Everything the incident room shows, kept current: new timeline entries arrive over the live
 * stream, and each arrival re-reads the incident and its tasks (coalesced, so a burst of
 * changes costs one reload).
 */
export function useRoom(ref: string, onRemoteEntries: (entries: TimelineEntry[]) => void): Room {
  const room = useResource<RoomData>(
    async (signal) => {
      const [incident, tasks, timeline] = await Promise.all([
        incidentsApi.get(ref, signal),
        incidentsApi.tasks(ref, signal),
        incidentsApi.timeline(ref, undefined, signal),
      ]);
      return { incident, tasks, timeline };
    },
    [ref],
  );
  const { setData } = room;

  const lastSeq = room.data ? (room.data.timeline.at(-1)?.seq ?? 0) : undefined;
  const lastSeqRef = useRef(lastSeq);
  lastSeqRef.current = lastSeq;
  const refreshing = useRef<Promise<void> | undefined>(undefined);
  const again = useRef(false);
  const refresh = useCallback(async () => {
    if (refreshing.current) {
      again.current = true;
      return refreshing.current;
    }
    const run = async () => {
      do {
        again.current = false;
        const after = lastSeqRef.current ?? 0;
        const [incident, tasks, entries] = await Promise.all([
          incidentsApi.get(ref),
          incidentsApi.tasks(ref),
          incidentsApi.timeline(ref, after),
        ]);
        setData(
          (current) =>
            current && {
              incident,
              tasks,
              timeline: mergeTimeline(current.timeline, entries),
            },
        );
      } while (again.current);
    };
    refreshing.current = run().finally(() => {
      refreshing.current = undefined;
    });
    return refreshing.current;
  }, [ref, setData]);

  const live = useIncidentStream(ref, lastSeq, (entries) => {
    setData(
      (current) => current && { ...current, timeline: mergeTimeline(current.timeline, entries) },
    );
    onRemoteEntries(entries);
    void refresh().catch(() => {});
  });

  // Coming back to a tab that slept: catch up at once.
  useEffect(() => {
    const wake = () => {
      if (document.visibilityState === "visible") void refresh().catch(() => {});
    };
    document.addEventListener("visibilitychange", wake);
    return () => document.removeEventListener("visibilitychange", wake);
  }, [refresh]);

  const replaceTask = useCallback(
    (task: Task) =>
      setData(
        (current) =>
          current && {
            ...current,
            tasks: current.tasks.map((t) => (t.id === task.id ? task : t)),
          },
      ),
    [setData],
  );

  return {
    data: room.data,
    error: room.error,
    loading: room.loading,
    live,
    refresh,
    replaceTask,
  };
}
