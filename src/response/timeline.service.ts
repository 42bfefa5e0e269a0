import type { Actor } from "../domain/actor.js";
import { invalidInput } from "../domain/errors.js";
import { type ChainVerdict, verifyChain } from "../domain/incident/timeline-chain.js";
import type { ResponseDeps } from "./deps.js";
import { getIncident } from "./incident.service.js";
import type { Incident, TimelineEntry } from "./incident.types.js";
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
  let occurredAt: string | null = null;
  if (input.occurred_at !== undefined) {
    const t = Date.parse(input.occurred_at);
    if (Number.isNaN(t)) throw invalidInput("occurred_at must be an ISO 8601 time");
    occurredAt = new Date(t).toISOString();
  }
  if (input.sets && input.kind !== "decision")
    throw invalidInput("only a decision can set a classification or determination time");
  return mutateIncident(deps, ref, expectedVersion, ({ incident, now }) => {
    if (occurredAt && occurredAt > now.toISOString())
      throw invalidInput("occurred_at cannot be in the future");
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
  afterSeq?: number,
): Promise<TimelineEntry[]> {
  const incident = await getIncident(deps, ref);
  return deps.incidents.timeline(incident.id, afterSeq);
}

/** Re-computes the incident's hash chain: intact, or the first entry that does not verify. */
export async function verifyTimeline(
  deps: ResponseDeps,
  ref: string,
): Promise<ChainVerdict & { incident: string }> {
  const incident = await getIncident(deps, ref);
  const verdict = verifyChain(await deps.incidents.timelineRows(incident.id));
  return { incident: incident.human_id, ...verdict };
}
