import type { Actor } from "../domain/actor.js";
import { invalidInput } from "../domain/errors.js";
import type { Incident, TimelineEntry } from "../domain/incident/model.js";
import {
  replayTimeline,
  type StateDifference,
  stateDifferences,
} from "../domain/incident/replay.js";
import { GENESIS_HASH, verifyChain } from "../domain/incident/timeline-chain.js";
import type { ResponseDeps } from "./deps.js";
import { getIncident } from "./incident.service.js";
import { isoTime } from "./incident-change.js";
import { mutateIncident } from "./mutate.js";

export interface NoteInput {
  text: string;
  /** A decision is a note that says what was decided and why (e.g. "material: yes"). */
  kind?: "note" | "decision";
  /** When it happened, if earlier than now (a discovery made before it was written down). */
  occurred_at?: string;
  /**
   * A decision may set a clock's start: `classified` (major incident, DORA) or `determined`
   * (materiality, SEC 8-K), at `occurred_at` or now.
   */
  sets?: "classified" | "determined";
}

/** Adds a note or decision to the timeline. */
export async function addNote(
  deps: ResponseDeps,
  ref: string,
  input: NoteInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<Incident> {
  if (!input.text?.trim()) throw invalidInput("a note needs text");
  if (input.sets && input.kind !== "decision")
    throw invalidInput("only a decision can set a classification or determination time");
  return mutateIncident(deps, ref, actor, expectedVersion, ({ incident, now }) => {
    // Read as every incident time is: "+275760-…" once passed a text comparison with now.
    const occurredAt =
      input.occurred_at === undefined ? null : isoTime("occurred_at", input.occurred_at, now);
    const times = { ...incident.times };
    if (input.sets === "classified") times.classified_at = occurredAt ?? now.toISOString();
    if (input.sets === "determined") times.determined_at = occurredAt ?? now.toISOString();
    return {
      incident: { ...incident, times },
      timeline: [
        {
          kind: input.kind ?? "note",
          actor,
          occurred_at: occurredAt,
          payload: { text: input.text, ...(input.sets ? { sets: input.sets } : {}) },
        },
      ],
    };
  });
}

export async function incidentTimeline(
  deps: ResponseDeps,
  ref: string,
  viewer: Actor | undefined,
  afterSeq?: number,
): Promise<TimelineEntry[]> {
  const incident = await getIncident(deps, ref, viewer);
  return deps.incidents.timeline(incident.id, afterSeq);
}

/**
 * An incident's integrity verdict: its hash chain, the head its row keeps, and its stored state
 * against the state its timeline rebuilds. `differences` names each field that disagrees.
 */
export type TimelineVerdict = {
  incident: string;
  intact: boolean;
  entries: number;
  first_bad_seq?: number;
  reason?: string;
  differences?: StateDifference[];
};

/**
 * Re-computes the incident's hash chain (a changed entry), compares its end with the head the
 * incident row keeps (a removed tail), then replays it and compares with the stored row (an
 * edited row); the first of these that fails is the verdict.
 */
export async function verifyTimeline(
  deps: ResponseDeps,
  ref: string,
  viewer: Actor | undefined,
): Promise<TimelineVerdict> {
  const incident = await getIncident(deps, ref, viewer);
  const at = { incident: incident.human_id };
  const rows = await deps.incidents.timelineRows(incident.id);
  const chain = verifyChain(rows);
  if (!chain.intact) return { ...at, ...chain };
  const entries = rows.length;
  const end = rows.at(-1)?.hash ?? GENESIS_HASH;
  const head = await deps.incidents.timelineHead(incident.id);
  if (head.entries !== entries || head.hash !== end)
    return {
      ...at,
      intact: false,
      entries,
      first_bad_seq: Math.min(entries, head.entries) + 1,
      reason:
        head.entries > entries
          ? `the incident records ${head.entries} timeline entries (head ${head.hash.slice(0, 12)}…) but its timeline ends at entry ${entries}: the newest entries were removed`
          : `the incident's recorded head (entry ${head.entries}) is not its timeline's end (entry ${entries}): entries were added or rewritten outside Firebreak`,
    };
  const replayed = replayTimeline(
    rows.map((r) => ({ kind: r.kind, payload: JSON.parse(r.payload) })),
  );
  const differences = stateDifferences(incident, replayed);
  if (differences.length > 0)
    return {
      ...at,
      intact: false,
      entries,
      reason: differences
        .map(
          (d) =>
            `stored ${d.field} ${JSON.stringify(d.stored)} is not ${JSON.stringify(d.timeline)} as the timeline records: the incident row was changed outside Firebreak`,
        )
        .join("; "),
      differences,
    };
  return { ...at, intact: true, entries };
}
