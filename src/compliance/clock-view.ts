import type { Incident } from "../domain/incident/model.js";
import type { ResponseDeps } from "../response/deps.js";
import { pinnedPlan, severityIds } from "../response/plan-context.js";
import type {
  ClockRecordStore,
  ClockRecords,
  StoredClockNotification,
} from "./clock-record.types.js";
import { type ClockFacts, type ClockRecord, type ClockStatus, computeClocks } from "./clocks.js";

/** An incident's regulatory clock as the API shows it: the status plus everything recorded. */
export interface ClockView extends ClockStatus {
  incident: Pick<Incident, "id" | "human_id" | "title" | "severity" | "phase" | "exercise">;
  notifications: Omit<StoredClockNotification, "incident_id">[];
}

/**
 * The start events of an incident's clocks: awareness is `detected_at` (when the organisation
 * became aware, backdated with `--aware-at`); discovery counts from the same moment (HIPAA's
 * "first known" is the awareness of the breach); classification and determination are set by
 * decisions; declaration is `declared_at`.
 */
export function clockFacts(incident: Incident): ClockFacts {
  return {
    severity: incident.severity,
    type: incident.type,
    attributes: incident.attributes,
    events: {
      awareness: incident.times.detected_at,
      discovery: incident.times.detected_at,
      declaration: incident.times.declared_at,
      classification: incident.times.classified_at,
      determination: incident.times.determined_at,
    },
  };
}

/** Records of one incident, keyed by obligation, as `computeClocks` takes them. */
function byObligation(
  records: ClockRecords,
  incidentId: string,
): Record<string, { notifications: StoredClockNotification[]; stop?: ClockRecord["stop"] }> {
  const out: Record<
    string,
    { notifications: StoredClockNotification[]; stop?: ClockRecord["stop"] }
  > = {};
  const slot = (id: string) => {
    out[id] ??= { notifications: [] };
    return out[id];
  };
  for (const n of records.notifications)
    if (n.incident_id === incidentId) slot(n.obligation_id).notifications.push(n);
  for (const s of records.stops)
    if (s.incident_id === incidentId) slot(s.obligation_id).stop = { reason: s.reason, at: s.at };
  return out;
}

/** What the clock use cases take: the incident deps and the records kept against clocks. */
export interface ClockDeps extends ResponseDeps {
  clockRecords: ClockRecordStore;
}

/** Every obligation's clock of the incident's pinned plan at `now`, with what was recorded. */
export async function clocksOf(
  deps: ClockDeps,
  incident: Incident,
  records?: ClockRecords,
): Promise<ClockView[]> {
  const plan = (await pinnedPlan(deps, incident)).body;
  const recorded = records ?? (await deps.clockRecords.records([incident.id]));
  const mine = byObligation(recorded, incident.id);
  const clocks = computeClocks(plan.compliance, clockFacts(incident), mine, {
    now: deps.clock.now(),
    severities: severityIds(plan),
  });
  const summary = {
    id: incident.id,
    human_id: incident.human_id,
    title: incident.title,
    severity: incident.severity,
    phase: incident.phase,
    exercise: incident.exercise,
  };
  return clocks.map((c) => ({
    ...c,
    incident: summary,
    notifications: (mine[c.obligation_id]?.notifications ?? []).map(
      ({ incident_id: _i, ...n }) => n,
    ),
  }));
}
