import type { NewTimelineEntry, TimelineEntry } from "../domain/incident/model.js";
import type { ResponseDeps } from "../response/deps.js";
import { changeIncident } from "../response/incident-change.js";

/**
 * Appends entries to an incident's timeline unless an entry that `exists` matches is already
 * there. The check reads the timeline inside the incident's optimistic-concurrency loop, so two
 * runs of the same job cannot both append: this is what makes pages and reminders idempotent on
 * the record. Returns whether it appended.
 */
export async function appendOnce(
  deps: ResponseDeps,
  incidentId: string,
  exists: (entry: TimelineEntry) => boolean,
  entries: NewTimelineEntry[],
): Promise<boolean> {
  return changeIncident<boolean>(deps, incidentId, undefined, undefined, async ({ incident }) => {
    const timeline = await deps.incidents.timeline(incident.id);
    if (timeline.some(exists)) return { unchanged: false };
    return { change: { incident, timeline: entries }, result: true };
  });
}

/** The latest timeline entry matching `match`, or undefined. */
export async function latestEntry(
  deps: ResponseDeps,
  incidentId: string,
  match: (entry: TimelineEntry) => boolean,
): Promise<TimelineEntry | undefined> {
  const timeline = await deps.incidents.timeline(incidentId);
  for (let i = timeline.length - 1; i >= 0; i--) {
    const e = timeline[i] as TimelineEntry;
    if (match(e)) return e;
  }
  return undefined;
}
