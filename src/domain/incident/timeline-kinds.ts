import type { z } from "zod";
import { DomainError } from "../errors.js";
import type { IncidentPhase } from "./phase.js";
import { ATTACK_PAYLOADS } from "./timeline-kinds/attack.js";
import { COMMS_PAYLOADS } from "./timeline-kinds/comms.js";
import { EVIDENCE_FILE_PAYLOADS } from "./timeline-kinds/evidence-files.js";
import { INCIDENT_PAYLOADS } from "./timeline-kinds/incident.js";
import { POST_INCIDENT_PAYLOADS } from "./timeline-kinds/post-incident.js";

/**
 * Every kind of timeline entry and the payload it carries: the one list writers, the store,
 * paging, reports and the web agree on. The store checks each new entry against its kind's
 * schema before chaining it (`checkTimelineEntry`); a kind missing here does not compile in a
 * writer, and a reader that switches over every kind is told by the compiler which one it
 * forgot. Stored entries are read as they were written: an entry of an earlier version may lack
 * a field added since, so readers stay tolerant of missing fields.
 *
 * The schemas check and never change a payload (no defaults, no transforms): the payload that is
 * hashed into the chain is the object the writer gave, not the schema's output.
 *
 * The schemas live by area in `timeline-kinds/`; a kind is listed in exactly one of them.
 */
export const TIMELINE_PAYLOADS = {
  ...INCIDENT_PAYLOADS,
  ...COMMS_PAYLOADS,
  ...POST_INCIDENT_PAYLOADS,
  ...ATTACK_PAYLOADS,
  ...EVIDENCE_FILE_PAYLOADS,
};

/** The name of a kind of timeline entry. */
export type TimelineKind = keyof typeof TIMELINE_PAYLOADS;

type Payloads = { [K in TimelineKind]: z.infer<(typeof TIMELINE_PAYLOADS)[K]> };

/** What an entry of kind `K` carries. */
export type TimelinePayload<K extends TimelineKind> = Payloads[K];

/**
 * `{ kind, payload }` for each kind in `K`, with the fields `Fields` every entry has: a union
 * discriminated by `kind`, so that narrowing on the kind types the payload.
 */
export type TimelineUnion<Fields, K extends TimelineKind = TimelineKind> = {
  [P in K]: Fields & { kind: P; payload: TimelinePayload<P> };
}[K];

/** An entry's kind and payload, one member per kind. */
export type TimelineContent = TimelineUnion<unknown>;

/**
 * The content of an entry whose kind is a type parameter (a helper that records a kind its
 * caller names). TypeScript cannot see that `{ kind: K; payload: TimelinePayload<K> }` is the
 * union's member for `K`; this is the one place that says so.
 */
export function timelineContent<K extends TimelineKind>(
  kind: K,
  payload: TimelinePayload<K>,
): TimelineContent {
  return { kind, payload } as TimelineContent;
}

/** The kinds that end an incident, with the phase each leaves it in. */
export const ENDING_KINDS = {
  "incident.closed": "closed",
  "incident.declined": "declined",
  "incident.merged": "merged",
} as const satisfies Partial<Record<TimelineKind, IncidentPhase>>;

/** Whether an entry's kind ends the incident (any text: replay reads kinds as stored). */
export function isEndingKind(kind: string): kind is keyof typeof ENDING_KINDS {
  return Object.hasOwn(ENDING_KINDS, kind);
}

/**
 * Checks a new entry before the store chains it: its kind must be one of the list and its
 * payload must fit the kind's schema. A writer the compiler let through (a cast, a payload
 * assembled at run time) is refused here rather than chained forever. The payload is only
 * checked, never replaced, so what is hashed is what the writer gave.
 */
export function checkTimelineEntry(entry: { kind: string; payload: unknown }): void {
  if (!Object.hasOwn(TIMELINE_PAYLOADS, entry.kind))
    throw new DomainError("invalid_input", `unknown timeline entry kind '${entry.kind}'`, [
      { message: "not a kind of timeline entry", path: "kind" },
    ]);
  const parsed = TIMELINE_PAYLOADS[entry.kind as TimelineKind].safeParse(entry.payload);
  if (!parsed.success)
    throw new DomainError(
      "invalid_input",
      `the payload of a '${entry.kind}' timeline entry does not fit its kind`,
      parsed.error.issues.map((i) => ({
        message: i.message,
        path: ["payload", ...i.path.map(String)].join("."),
      })),
    );
}
