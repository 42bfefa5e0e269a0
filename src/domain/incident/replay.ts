import type { IncidentPhase } from "./phase.js";
import { ENDING_KINDS, isEndingKind } from "./timeline-kinds.js";

/**
 * What an incident's timeline says its state is, rebuilt entry by entry, to compare with the
 * stored incident row (`firebreak verify`): a row edited in the database no longer matches the
 * hash-chained record of how it got there. Only fields the timeline records completely are
 * rebuilt; a field stays undefined until an entry sets it (an unknown kind changes nothing), so
 * a timeline that does not start with `incident.declared` is compared on what it does say.
 */
export interface ReplayedState {
  title?: string;
  type?: string;
  severity?: string;
  phase?: IncidentPhase;
  commander?: string | null;
}

export const REPLAYED_FIELDS = ["title", "type", "severity", "phase", "commander"] as const;
export type ReplayedField = (typeof REPLAYED_FIELDS)[number];

/** A timeline entry as far as replay needs it: its kind and its parsed payload. */
export interface ReplayEntry {
  kind: string;
  payload: unknown;
}

type Payload = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const COMMANDER_ROLE = "commander";

function apply(state: ReplayedState, entry: ReplayEntry): ReplayedState {
  const p = (entry.payload ?? {}) as Payload;
  if (isEndingKind(entry.kind)) return { ...state, phase: ENDING_KINDS[entry.kind] };
  switch (entry.kind) {
    case "incident.declared":
      return {
        title: str(p.title),
        type: str(p.type),
        severity: str(p.severity),
        phase: "detection",
        commander: null,
      };
    case "incident.classified": {
      const changes = (p.changes ?? {}) as Record<string, { to?: unknown }>;
      return {
        ...state,
        ...(changes.severity ? { severity: str(changes.severity.to) } : {}),
        ...(changes.type ? { type: str(changes.type.to) } : {}),
      };
    }
    case "phase.advanced":
    case "incident.reopened":
      return { ...state, phase: str(p.to) as IncidentPhase };
    case "role.assigned":
    case "role.handover":
      return p.role === COMMANDER_ROLE ? { ...state, commander: str(p.to ?? p.person) } : state;
    default:
      return state;
  }
}

/** The state the entries, oldest first, leave the incident in. */
export function replayTimeline(entries: readonly ReplayEntry[]): ReplayedState {
  return entries.reduce(apply, {});
}

export interface StateDifference {
  field: ReplayedField;
  stored: unknown;
  timeline: unknown;
}

/** The fields whose stored value is not what the timeline rebuilt (fields it did not set are skipped). */
export function stateDifferences(
  stored: Record<ReplayedField, unknown>,
  replayed: ReplayedState,
): StateDifference[] {
  return REPLAYED_FIELDS.filter((f) => replayed[f] !== undefined && replayed[f] !== stored[f]).map(
    (field) => ({ field, stored: stored[field], timeline: replayed[field] }),
  );
}
